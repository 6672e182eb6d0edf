package io.incidentledger.ledger;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A database of its own for {@link LedgerTamperTest}, created on the server named by {@code INCIDENT_LEDGER_TEST_PG_URL}
 * (with {@code INCIDENT_LEDGER_TEST_PG_USER}, default {@code postgres}, and {@code INCIDENT_LEDGER_TEST_PG_PASSWORD},
 * default empty) and dropped afterwards, so that the damage the tamper tests do never reaches the database the other
 * PostgreSQL test classes share. The same rule as the other PostgreSQL tests: without a URL the tests are skipped with
 * a message, except under {@code CI=true}, where the missing database fails the run.
 *
 * <p>{@link Lifecycle} creates the database before the test class and drops it after. Declare it before
 * {@code @SpringBootTest}: extensions end in the reverse order of their registration, so the Spring extension closes
 * the (dirtied) application context first and the database is dropped only once nothing uses it any more.
 */
final class LedgerTamperDatabase {

    private static LedgerTamperDatabase current;

    private static final String PREFIX = "jdbc:postgresql://";

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;

    private LedgerTamperDatabase(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = "incident_ledger_tamper_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** Creates the class's database before the class, drops it after. */
    static final class Lifecycle implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext extension) throws SQLException {
            LedgerTamperDatabase database = requireConfigured();
            database.create();
            current = database;
        }

        @Override
        public void afterAll(ExtensionContext extension) throws SQLException {
            if (current != null) {
                try {
                    current.drop();
                } finally {
                    current = null;
                }
            }
        }
    }

    /** The database of the running test class. */
    static LedgerTamperDatabase current() {
        if (current == null) {
            throw new IllegalStateException("no tamper database: declare @ExtendWith(LedgerTamperDatabase.Lifecycle.class)");
        }
        return current;
    }

    /** The configured server, or a skip (a failure under CI=true) when none is configured. */
    static LedgerTamperDatabase requireConfigured() {
        String url = System.getenv("INCIDENT_LEDGER_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String message = "PostgreSQL tamper tests skipped: set INCIDENT_LEDGER_TEST_PG_URL "
                    + "(e.g. jdbc:postgresql://127.0.0.1:5432/incident_ledger_test) to run them; .ci/run does";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but INCIDENT_LEDGER_TEST_PG_URL is not set: the PostgreSQL tests must run in CI");
            }
            LoggerFactory.getLogger(LedgerTamperDatabase.class).warn(message);
            assumeTrue(false, message);
        }
        if (!url.startsWith(PREFIX)) {
            fail("INCIDENT_LEDGER_TEST_PG_URL must be a jdbc:postgresql:// URL, not " + url);
        }
        return new LedgerTamperDatabase(url, env("INCIDENT_LEDGER_TEST_PG_USER", "postgres"),
                env("INCIDENT_LEDGER_TEST_PG_PASSWORD", ""));
    }

    /** Creates this class's database on the configured server (connecting to the configured database to do so). */
    void create() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /** Drops this class's database, ending any connection still open to it. */
    void drop() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** The JDBC URL of this class's database: the configured URL with its database name replaced. */
    String url() {
        int hostEnd = serverUrl.indexOf('/', PREFIX.length());
        if (hostEnd < 0) {
            return serverUrl + "/" + name;
        }
        int query = serverUrl.indexOf('?', hostEnd);
        return serverUrl.substring(0, hostEnd + 1) + name + (query < 0 ? "" : serverUrl.substring(query));
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String name() {
        return name;
    }

    /** A new connection to this class's database as the configured (super)user. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null ? fallback : value;
    }
}
