package io.incidentledger.app;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ProcessingFailuresFlows} on PostgreSQL, in a database of its own: there a failed statement aborts the whole
 * transaction, so the parked event is written only because the failed handler's savepoint was rolled back.
 */
class PostgresProcessingFailuresTest extends ProcessingFailuresFlows {

    @BeforeAll
    static void startOnPostgres() {
        start(ProcessingTestDatabase.postgres());
    }
}
