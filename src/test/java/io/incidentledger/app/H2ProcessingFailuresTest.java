package io.incidentledger.app;

import org.junit.jupiter.api.BeforeAll;

/** {@link ProcessingFailuresFlows} on the embedded default database, H2. */
class H2ProcessingFailuresTest extends ProcessingFailuresFlows {

    @BeforeAll
    static void startOnH2() {
        start(ProcessingTestDatabase.h2());
    }
}
