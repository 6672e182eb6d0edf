package io.incidentledger.config;

import org.junit.jupiter.api.BeforeAll;

/**
 * The persistent deadlines on PostgreSQL, in a schema of their own on the server of
 * {@code INCIDENT_LEDGER_TEST_PG_URL} (with the PostgreSQL-only migrations applied as well).
 */
class PostgresDeadlineSchedulingTest extends DeadlineSchedulingContract {

    @BeforeAll
    static void requirePostgres() {
        DeadlineTestDatabase.requirePostgres();
    }

    @Override
    DeadlineTestDatabase createDatabase() {
        return DeadlineTestDatabase.postgres();
    }
}
