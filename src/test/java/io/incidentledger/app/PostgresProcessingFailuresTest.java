package io.incidentledger.app;

import io.incidentledger.testing.RequiresPostgres;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ProcessingFailuresFlows} on PostgreSQL, in a database of its own: there a failed statement aborts the whole
 * transaction, so the parked event is written only because the failed handler's savepoint was rolled back.
 */
@RequiresPostgres
class PostgresProcessingFailuresTest extends ProcessingFailuresFlows {

    @BeforeAll
    static void startOnPostgres() {
        start(ProcessingTestDatabase.postgres());
    }
}
