package io.incidentledger.app;

/** {@link NodeRestartFlows} on PostgreSQL, in a database of each test's own. */
class PostgresNodeRestartTest extends NodeRestartFlows {

    @Override
    ProcessingTestDatabase createDatabase() {
        return ProcessingTestDatabase.postgres();
    }
}
