package io.incidentledger.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own for a test that damages the store, races it or ends its sessions (the ledger's tamper tests,
 * a terminated session), created on the {@link PostgresServer} and dropped afterwards, so that what the test does
 * never reaches the database the other PostgreSQL test classes share.
 *
 * <p>{@link Lifecycle} creates the database before the test class and drops it after. Declare it before
 * {@code @SpringBootTest}: extensions end in the reverse order of their registration, so the Spring extension closes
 * the (dirtied) application context first and the database is dropped only once nothing uses it any more.
 */
public final class OwnPostgresDatabase {

    private static OwnPostgresDatabase current;

    private final PostgresServer server;
    private final String name;
    private final PostgresServer database;

    private OwnPostgresDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.database = server.createDatabase(name);
    }

    /** Creates the class's database before the class, drops it after. */
    public static final class Lifecycle implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext extension) {
            current = create();
        }

        @Override
        public void afterAll(ExtensionContext extension) {
            if (current != null) {
                try {
                    current.drop();
                } finally {
                    current = null;
                }
            }
        }
    }

    /** A new database on the configured server; {@link #drop()} it when done. */
    public static OwnPostgresDatabase create() {
        return new OwnPostgresDatabase(PostgresServer.require(),
                "incident_ledger_own_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    /** Drops the database, ending any connection still open to it. */
    public void drop() {
        server.dropDatabase(name);
    }

    /** The database of the running test class. */
    public static OwnPostgresDatabase current() {
        if (current == null) {
            throw new IllegalStateException("no tamper database: declare @ExtendWith(OwnPostgresDatabase.Lifecycle.class)");
        }
        return current;
    }

    public String url() {
        return database.url();
    }

    public String user() {
        return database.user();
    }

    public String password() {
        return database.password();
    }

    /** A new connection to this class's database as the configured (super)user. */
    public Connection connect() throws SQLException {
        return database.connect();
    }
}
