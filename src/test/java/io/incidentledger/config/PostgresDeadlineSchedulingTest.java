package io.incidentledger.config;

import io.incidentledger.testing.RequiresPostgres;

/**
 * The persistent deadlines on PostgreSQL, in a schema of their own on the server of
 * {@code INCIDENT_LEDGER_TEST_PG_URL} (with the PostgreSQL-only migrations applied as well).
 */
@RequiresPostgres
class PostgresDeadlineSchedulingTest extends DeadlineSchedulingContract {

    @Override
    DeadlineTestDatabase createDatabase() {
        return DeadlineTestDatabase.postgres();
    }
}
