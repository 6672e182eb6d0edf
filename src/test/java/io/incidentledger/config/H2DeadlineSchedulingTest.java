package io.incidentledger.config;

/** The persistent deadlines on the embedded default database: H2, a file of its own, in H2's default mode. */
class H2DeadlineSchedulingTest extends DeadlineSchedulingContract {

    @Override
    DeadlineTestDatabase createDatabase() {
        return DeadlineTestDatabase.h2();
    }
}
