package io.incidentledger.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server every PostgreSQL test uses: {@code INCIDENT_LEDGER_TEST_PG_URL} (a {@code jdbc:postgresql://}
 * URL of a database the tests may fill), {@code INCIDENT_LEDGER_TEST_PG_USER} (default {@code postgres}) and
 * {@code INCIDENT_LEDGER_TEST_PG_PASSWORD} (default empty); {@code .ci/run} sets them after creating a fresh database.
 *
 * <p>Without a URL a class annotated {@link RequiresPostgres} is skipped, each of its tests reported as skipped with a
 * message saying what to set, so that nobody mistakes it for a test that ran; under {@code CI=true} it runs instead
 * and fails at {@link #require()}, since a skipped PostgreSQL test would hide a broken build.
 */
public record PostgresServer(String url, String user, String password) {

    public static final String URL_VARIABLE = "INCIDENT_LEDGER_TEST_PG_URL";
    static final String SKIPPED = "PostgreSQL tests skipped: set " + URL_VARIABLE
            + " (e.g. jdbc:postgresql://127.0.0.1:5432/incident_ledger_test) to run them; .ci/run does";
    private static final String PREFIX = "jdbc:postgresql://";

    /** The configured server, if there is one. */
    public static Optional<PostgresServer> configured() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith(PREFIX)) {
            fail(URL_VARIABLE + " must be a " + PREFIX + " URL, not " + url);
        }
        return Optional.of(new PostgresServer(url, env("INCIDENT_LEDGER_TEST_PG_USER", "postgres"),
                env("INCIDENT_LEDGER_TEST_PG_PASSWORD", "")));
    }

    /** The configured server; fails the test when there is none (only reached under {@code CI=true}). */
    public static PostgresServer require() {
        return configured().orElseGet(() -> fail("CI=true but " + URL_VARIABLE
                + " is not set: the PostgreSQL tests must run in CI"));
    }

    /** Creates a database of its own on this server (for a test class that damages or isolates its data). */
    public PostgresServer createDatabase(String name) {
        execute("CREATE DATABASE " + name);
        return new PostgresServer(urlOf(name), user, password);
    }

    /** Drops a database created by {@link #createDatabase}, ending any connection still open to it. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /**
     * A data source on a new schema of its own on this server, migrated by Flyway from {@code locations}: rows the
     * test writes there are never seen by an application of another test on the same database.
     */
    public PGSimpleDataSource migratedSchema(String schema, String... locations) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setCurrentSchema(schema);
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true).locations(locations).load()
                .migrate();
        return dataSource;
    }

    /** A new connection as the configured user. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The JDBC URL of another database on this server: this URL with its database name replaced. */
    private String urlOf(String database) {
        int hostEnd = url.indexOf('/', PREFIX.length());
        if (hostEnd < 0) {
            return url + "/" + database;
        }
        int query = url.indexOf('?', hostEnd);
        return url.substring(0, hostEnd + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** The condition behind {@link RequiresPostgres}. */
    static final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ConditionEvaluationResult result = evaluate(System::getenv);
            if (result.isDisabled() && context.getTestMethod().isEmpty()) {
                LoggerFactory.getLogger(PostgresServer.class).warn("{}: {}", context.getDisplayName(), SKIPPED);
            }
            return result;
        }

        static ConditionEvaluationResult evaluate(UnaryOperator<String> environment) {
            String url = environment.apply(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                return ConditionEvaluationResult.enabled(URL_VARIABLE + " is set");
            }
            if ("true".equalsIgnoreCase(environment.apply("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: PostgreSQL tests run, and fail without a server");
            }
            return ConditionEvaluationResult.disabled(SKIPPED);
        }
    }
}
