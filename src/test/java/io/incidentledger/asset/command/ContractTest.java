package io.incidentledger.asset.command;

import static io.incidentledger.asset.command.Refusals.conflict;
import static io.incidentledger.asset.command.Refusals.invalid;

import io.incidentledger.asset.api.ContractId;
import io.incidentledger.asset.api.ContractPaused;
import io.incidentledger.asset.api.ContractRegistered;
import io.incidentledger.asset.api.ContractUnpaused;
import io.incidentledger.asset.api.PauseContract;
import io.incidentledger.asset.api.RegisterContract;
import io.incidentledger.asset.api.UnpauseContract;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractTest {

    // --- scenario --------------------------------------------------------------------------------------------------

    private static final ContractId CONTRACT = ContractId.of("ethereum", "0x8315177ab297ba92a06054ce80a67ed4dbd7ed3a");
    private static final IncidentId INCIDENT = new IncidentId("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final String PAUSE_STEP = "pause-bridge";
    private static final String UNPAUSE_STEP = "unpause-bridge";
    private static final String REASON = "unexpected proxy upgrade";

    private static final ContractRegistered REGISTERED = new ContractRegistered(CONTRACT, "Bridge vault");
    private static final ContractPaused PAUSED = new ContractPaused(CONTRACT, INCIDENT, PAUSE_STEP, REASON,
            "0xtxhash-of-pause");
    private static final ContractUnpaused UNPAUSED = new ContractUnpaused(CONTRACT, INCIDENT, UNPAUSE_STEP,
            "upgrade reverted", null);

    private FixtureConfiguration<Contract> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contract.class);
    }

    @Test
    void registeringAContractMakesItActiveUnderItsName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContract(CONTRACT, " Bridge vault "))
                .expectEvents(REGISTERED);
    }

    @Test
    void aContractWithoutNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContract(CONTRACT, " "))
                .expectNoEvents()
                .expectException(invalid("name-required"));
    }

    @Test
    void pausingAnActiveContractRecordsTheIncidentStep() {
        fixture.given(REGISTERED)
                .when(new PauseContract(CONTRACT, INCIDENT, PAUSE_STEP, REASON, "0xtxhash-of-pause"))
                .expectEvents(PAUSED);
    }

    @Test
    void aRetriedPauseChangesNothingAndSucceeds() {
        fixture.given(REGISTERED, PAUSED)
                .when(new PauseContract(CONTRACT, INCIDENT, PAUSE_STEP, REASON, "0xtxhash-of-pause"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void pausingAPausedContractInAnotherStepIsRefused() {
        fixture.given(REGISTERED, PAUSED)
                .when(new PauseContract(CONTRACT, INCIDENT, "pause-again", REASON, null))
                .expectNoEvents()
                .expectException(conflict("contract-already-paused"));
    }

    @Test
    void aPauseWithoutReasonIsRefused() {
        fixture.given(REGISTERED)
                .when(new PauseContract(CONTRACT, INCIDENT, PAUSE_STEP, null, null))
                .expectNoEvents()
                .expectException(invalid("reason-required"));
    }

    @Test
    void unpausingAPausedContractMakesItActiveAgain() {
        fixture.given(REGISTERED, PAUSED)
                .when(new UnpauseContract(CONTRACT, INCIDENT, UNPAUSE_STEP, "upgrade reverted", null))
                .expectEvents(UNPAUSED);
    }

    @Test
    void aRetriedUnpauseChangesNothingAndSucceeds() {
        fixture.given(REGISTERED, PAUSED, UNPAUSED)
                .when(new UnpauseContract(CONTRACT, INCIDENT, UNPAUSE_STEP, "upgrade reverted", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unpausingAnActiveContractIsRefused() {
        fixture.given(REGISTERED)
                .when(new UnpauseContract(CONTRACT, INCIDENT, UNPAUSE_STEP, "upgrade reverted", null))
                .expectNoEvents()
                .expectException(conflict("contract-not-paused"));
    }

    @Test
    void anUnpauseWithoutReasonIsRefused() {
        fixture.given(REGISTERED, PAUSED)
                .when(new UnpauseContract(CONTRACT, INCIDENT, UNPAUSE_STEP, null, null))
                .expectNoEvents()
                .expectException(invalid("reason-required"));
    }
}
