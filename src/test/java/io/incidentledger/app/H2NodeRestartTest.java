package io.incidentledger.app;

/** {@link NodeRestartFlows} on H2. */
class H2NodeRestartTest extends NodeRestartFlows {

    @Override
    ProcessingTestDatabase createDatabase() {
        return ProcessingTestDatabase.h2();
    }
}
