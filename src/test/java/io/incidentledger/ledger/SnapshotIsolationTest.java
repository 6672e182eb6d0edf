package io.incidentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.incidentledger.ledger.verify.Snapshots;
import io.incidentledger.testing.OwnPostgresDatabase;
import io.incidentledger.testing.RequiresPostgres;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * What the verifier's read-only transactions rely on ({@link Snapshots}): with the isolation level chosen for the
 * database, a table read after another shows none of the rows committed after the first statement. The pattern is
 * the verifier's: read the events, another transaction commits an event and then the leaf naming it, read the
 * leaves joined with the events.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SnapshotIsolationTest {

    @Test
    void on_h2_the_chosen_isolation_shows_every_table_as_of_the_first_statement() throws SQLException {
        String url = "jdbc:h2:mem:snapshot-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection reader = DriverManager.getConnection(url, "sa", "");
             Connection writer = DriverManager.getConnection(url, "sa", "")) {
            assertThat(leavesWithoutTheirEvent(reader, writer, Snapshots.isolationFor("H2"))).isZero();
        }
    }

    /** Why the chosen level is not REPEATABLE READ on H2: there the leaves are read as they are at their first read. */
    @Test
    void on_h2_repeatable_read_fixes_each_table_only_when_it_is_first_read() throws SQLException {
        String url = "jdbc:h2:mem:snapshot-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection reader = DriverManager.getConnection(url, "sa", "");
             Connection writer = DriverManager.getConnection(url, "sa", "")) {
            assertThat(leavesWithoutTheirEvent(reader, writer, Connection.TRANSACTION_REPEATABLE_READ)).isOne();
        }
    }

    @Test
    @RequiresPostgres
    void on_postgresql_the_chosen_isolation_shows_every_table_as_of_the_first_statement() throws SQLException {
        OwnPostgresDatabase database = OwnPostgresDatabase.create();
        try {
            try (Connection reader = database.connect(); Connection writer = database.connect()) {
                assertThat(leavesWithoutTheirEvent(reader, writer, Snapshots.isolationFor("PostgreSQL"))).isZero();
            }
        } finally {
            database.drop();
        }
    }

    /** Reads the events, lets the writer commit an event and its leaf, then counts leaves whose event is not seen. */
    private static long leavesWithoutTheirEvent(Connection reader, Connection writer, int isolation)
            throws SQLException {
        try (Statement setup = writer.createStatement()) {
            setup.execute("CREATE TABLE events (global_index BIGINT PRIMARY KEY)");
            setup.execute("CREATE TABLE leaves (leaf_index BIGINT PRIMARY KEY, global_index BIGINT NOT NULL)");
        }
        reader.setAutoCommit(false);
        reader.setTransactionIsolation(isolation);
        reader.setReadOnly(true);
        try {
            assertThat(count(reader, "SELECT count(*) FROM events")).isZero();
            try (Statement write = writer.createStatement()) {
                write.execute("INSERT INTO events VALUES (1)");
                write.execute("INSERT INTO leaves VALUES (0, 1)");
            }
            return count(reader, "SELECT count(*) FROM leaves l LEFT JOIN events e ON e.global_index = l.global_index "
                    + "WHERE e.global_index IS NULL");
        } finally {
            reader.rollback();
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
