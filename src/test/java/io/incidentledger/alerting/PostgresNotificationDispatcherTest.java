package io.incidentledger.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.incidentledger.testing.RequiresPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

/** The dispatcher's claims, retries and bookkeeping on PostgreSQL, in a schema of the test's own. */
@RequiresPostgres
class PostgresNotificationDispatcherTest extends NotificationDispatcherTest {

    private static final String SCHEMA_PREFIX = "alerting_test_";

    PostgresNotificationDispatcherTest() throws java.io.IOException {
    }

    @Override
    JdbcTemplate database() {
        return AlertingDatabase.postgresSchema(SCHEMA_PREFIX + Long.toHexString(System.nanoTime()));
    }

    /** The server ends the connection's process, as when PostgreSQL restarts or a proxy drops the connection. */
    @Override
    void breakConnection(Connection connection) throws SQLException {
        int pid;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            pid = row.getInt(1);
        }
        Boolean terminated = jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid);
        assertThat(terminated).isTrue();
    }

    @Override
    void dropDatabase(JdbcTemplate database) {
        String schema = database.queryForObject("SELECT current_schema()", String.class);
        if (schema != null && schema.startsWith(SCHEMA_PREFIX)) {
            AlertingDatabase.dropPostgresSchema(database, schema);
        }
    }
}
