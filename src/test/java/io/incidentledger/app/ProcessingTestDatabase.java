package io.incidentledger.app;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.incidentledger.testing.PostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database of a test class's own for applications the test starts and stops itself: an H2 in-memory database, or a
 * PostgreSQL database created next to the one of {@code INCIDENT_LEDGER_TEST_PG_URL} (see
 * {@link PostgresServer}; the PostgreSQL test classes are {@code @RequiresPostgres}) and dropped afterwards, so that no other test's application, cached in the
 * same JVM, holds the token claims or handles the events of this one. Its applications use at most
 * {@value #POOL_SIZE} connections each.
 */
final class ProcessingTestDatabase implements AutoCloseable {

    static final int POOL_SIZE = 4;

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
        PostgresServer server = PostgresServer.require();
        String name = "incident_ledger_processing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresServer database = server.createDatabase(name);
        return new ProcessingTestDatabase(database.url(), database.user(), database.password(), true,
                () -> server.dropDatabase(name));
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
}
