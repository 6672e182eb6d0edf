package io.incidentledger.alerting;

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

    @Override
    void dropDatabase(JdbcTemplate database) {
        String schema = database.queryForObject("SELECT current_schema()", String.class);
        if (schema != null && schema.startsWith(SCHEMA_PREFIX)) {
            AlertingDatabase.dropPostgresSchema(database, schema);
        }
    }
}
