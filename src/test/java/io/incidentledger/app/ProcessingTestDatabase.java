package io.incidentledger.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database of a test class's own for applications the test starts and stops itself: an H2 in-memory database, or a
 * PostgreSQL database created next to the one of {@code INCIDENT_LEDGER_TEST_PG_URL} (skipped as
 * {@link PostgresTestDatabase} says) and dropped afterwards, so that no other test's application, cached in the
 * same JVM, holds the token claims or handles the events of this one. Its applications use at most
 * {@value #POOL_SIZE} connections each.
 */
final class ProcessingTestDatabase implements AutoCloseable {

    static final int POOL_SIZE = 4;
    private static final String PG_PREFIX = "jdbc:postgresql://";

    private final String url;
    private final String user;
    private final String password;
    private final boolean postgres;
    private final Runnable drop;

    private ProcessingTestDatabase(String url, String user, String password, boolean postgres, Runnable drop) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.postgres = postgres;
        this.drop = drop;
    }

    static ProcessingTestDatabase h2() {
        String url = "jdbc:h2:mem:processing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return new ProcessingTestDatabase(url, "sa", "", false,
                () -> new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")).execute("SHUTDOWN"));
    }

    static ProcessingTestDatabase postgres() {
        PostgresTestDatabase server = PostgresTestDatabase.requireConfigured();
        String name = "incident_ledger_processing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "CREATE DATABASE " + name);
        return new ProcessingTestDatabase(withDatabase(server.url(), name), server.user(), server.password(), true,
                () -> execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    /** The command-line arguments that point an application at this database. */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=" + (postgres ? "postgres,demo" : "demo"),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--spring.datasource.hikari.maximum-pool-size=" + POOL_SIZE));
        return arguments;
    }

    /** A plain connection to the database, for what the test does behind the application's back. */
    JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(url, user, password));
    }

    /** One connection to the database, kept open until destroyed: for what the test does often. */
    SingleConnectionDataSource singleConnection() {
        return new SingleConnectionDataSource(url, user, password, true);
    }

    FailureInjection failures() {
        return postgres ? FailureInjection.postgres(jdbc()) : FailureInjection.h2(jdbc());
    }

    boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        drop.run();
    }

    private static void execute(PostgresTestDatabase server, String sql) {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    private static String withDatabase(String serverUrl, String name) {
        int hostEnd = serverUrl.indexOf('/', PG_PREFIX.length());
        if (hostEnd < 0) {
            return serverUrl + "/" + name;
        }
        int query = serverUrl.indexOf('?', hostEnd);
        return serverUrl.substring(0, hostEnd + 1) + name + (query < 0 ? "" : serverUrl.substring(query));
    }
}
