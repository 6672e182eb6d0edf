package io.incidentledger.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A database migrated by the application's Flyway scripts, on which deadline "nodes" start and stop: each node is
 * its own connection pool and its own {@link DeadlineScheduling}, so stopping one and starting another is a restart.
 * H2 is a file database of its own; PostgreSQL is a schema of its own, so that application contexts of other tests
 * polling the same database's {@code public} schema cannot take these deadlines.
 */
abstract class DeadlineTestDatabase implements AutoCloseable {

    /** Axon's serializer as the application configures it (Jackson, ISO-8601 instants). */
    static final Serializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new AxonStorageConfiguration().defaultAxonObjectMapper())
            .build();

    static DeadlineProperties settings(Duration pollingInterval, Duration failureRetryInterval) {
        return new DeadlineProperties(pollingInterval, 4, Duration.ofSeconds(5), 4, failureRetryInterval,
                Duration.ofSeconds(10));
    }

    static DeadlineTestDatabase h2() {
        return new H2(Path.of("target", "test-deadlines", UUID.randomUUID().toString(), "deadlines"));
    }

    /** A schema of its own on the {@link PostgresServer} (the class using it is {@link RequiresPostgres}). */
    static DeadlineTestDatabase postgres() {
        PostgresServer server = PostgresServer.require();
        return new Postgres(server.url(), server.user(), server.password());
    }

    abstract HikariDataSource open();

    abstract String[] migrationLocations();

    @Override
    public abstract void close();

    void migrate() {
        try (HikariDataSource dataSource = open()) {
            Flyway.configure().dataSource(dataSource).locations(migrationLocations()).load().migrate();
        }
    }

    /**
     * A started node: its own pool, scheduler and deadline manager, delivering to {@code scopes}, with the identity
     * {@code name}.
     */
    Node startNode(String name, DeadlineProperties settings, ScopeAwareProvider scopes) {
        HikariDataSource dataSource = open();
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        DeadlineScheduling scheduling = DeadlineScheduling.create(dataSource, settings, new NodeIdentity(name),
                SERIALIZER, scopes, transactions);
        scheduling.start();
        return new Node(dataSource, scheduling, transactions);
    }

    /** How many deadlines the table holds (scheduled, or running). */
    int scheduledDeadlines() {
        try (HikariDataSource dataSource = open();
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM scheduled_tasks")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One application node, as far as deadlines go. Closing it stops the scheduler and closes the pool. */
    record Node(HikariDataSource dataSource, DeadlineScheduling scheduling, TransactionManager transactions)
            implements AutoCloseable {

        PersistentDeadlineManager deadlineManager() {
            return scheduling.deadlineManager();
        }

        @Override
        public void close() {
            scheduling.stop();
            dataSource.close();
        }
    }

    private static final class H2 extends DeadlineTestDatabase {

        private final Path file;

        H2(Path file) {
            this.file = file.toAbsolutePath();
            migrate();
        }

        @Override
        HikariDataSource open() {
            HikariDataSource dataSource = new HikariDataSource();
            // the application's default mode (see spring.datasource.url); the file outlives every pool
            dataSource.setJdbcUrl("jdbc:h2:file:" + file);
            dataSource.setUsername("sa");
            dataSource.setPassword("");
            dataSource.setMaximumPoolSize(8);
            return dataSource;
        }

        @Override
        String[] migrationLocations() {
            return new String[] {"classpath:db/migration"};
        }

        @Override
        public void close() {
            // the file stays under target/ for a look after a failure
        }
    }

    private static final class Postgres extends DeadlineTestDatabase {

        private final String url;
        private final String user;
        private final String password;
        private final String schema = "deadlines_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 12).toLowerCase(Locale.ROOT);

        Postgres(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
            execute("CREATE SCHEMA " + schema);
            migrate();
        }

        @Override
        HikariDataSource open() {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(user);
            dataSource.setPassword(password);
            dataSource.setSchema(schema);
            dataSource.setMaximumPoolSize(8);
            return dataSource;
        }

        @Override
        String[] migrationLocations() {
            return new String[] {"classpath:db/migration", "classpath:db/vendor/postgresql"};
        }

        @Override
        void migrate() {
            try (HikariDataSource dataSource = open()) {
                Flyway.configure().dataSource(dataSource).schemas(schema).locations(migrationLocations()).load()
                        .migrate();
            }
        }

        @Override
        public void close() {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }

        private void execute(String sql) {
            try (HikariDataSource dataSource = open();
                 Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
    }
}
