package io.incidentledger.app;

import io.incidentledger.testing.RequiresPostgres;

/** {@link NodeRestartFlows} on PostgreSQL, in a database of each test's own. */
@RequiresPostgres
class PostgresNodeRestartTest extends NodeRestartFlows {

    @Override
    ProcessingTestDatabase createDatabase() {
        return ProcessingTestDatabase.postgres();
    }
}
