package io.incidentledger.asset.command;

import static io.incidentledger.asset.command.Refusals.conflict;
import static io.incidentledger.asset.command.Refusals.invalid;

import io.incidentledger.asset.api.IsolateNode;
import io.incidentledger.asset.api.NodeId;
import io.incidentledger.asset.api.NodeIsolated;
import io.incidentledger.asset.api.NodeRegistered;
import io.incidentledger.asset.api.NodeRestored;
import io.incidentledger.asset.api.NodeRole;
import io.incidentledger.asset.api.RegisterNode;
import io.incidentledger.asset.api.RestoreNode;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeTest {

    // --- scenario --------------------------------------------------------------------------------------------------

    private static final NodeId NODE = NodeId.of("val-3");
    private static final IncidentId INCIDENT = new IncidentId("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final String ISOLATE_STEP = "isolate-val-3";
    private static final String RESTORE_STEP = "restore-val-3";
    private static final String REASON = "validator signing conflicting blocks";

    private static final NodeRegistered REGISTERED =
            new NodeRegistered(NODE, NodeRole.VALIDATOR, "ethereum", "validator 3, Frankfurt");
    private static final NodeIsolated ISOLATED = new NodeIsolated(NODE, INCIDENT, ISOLATE_STEP, REASON, "FW-12");
    private static final NodeRestored RESTORED = new NodeRestored(NODE, INCIDENT, RESTORE_STEP, "patched", null);

    private FixtureConfiguration<Node> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Node.class);
    }

    @Test
    void registeringANodeBringsItOnline() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(NODE, NodeRole.VALIDATOR, "ETHEREUM", "validator 3, Frankfurt"))
                .expectEvents(REGISTERED);
    }

    @Test
    void aNodeWithoutRoleIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNode(NODE, null, null, null))
                .expectNoEvents()
                .expectException(invalid("role-required"));
    }

    @Test
    void isolatingAnOnlineNodeRecordsTheIncidentStep() {
        fixture.given(REGISTERED)
                .when(new IsolateNode(NODE, INCIDENT, ISOLATE_STEP, REASON, "FW-12"))
                .expectEvents(ISOLATED);
    }

    @Test
    void aRetriedIsolationChangesNothingAndSucceeds() {
        fixture.given(REGISTERED, ISOLATED)
                .when(new IsolateNode(NODE, INCIDENT, ISOLATE_STEP, REASON, "FW-12"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void isolatingAnIsolatedNodeInAnotherStepIsRefused() {
        fixture.given(REGISTERED, ISOLATED)
                .when(new IsolateNode(NODE, INCIDENT, "isolate-again", REASON, null))
                .expectNoEvents()
                .expectException(conflict("node-already-isolated"));
    }

    @Test
    void anIsolationWithoutReasonIsRefused() {
        fixture.given(REGISTERED)
                .when(new IsolateNode(NODE, INCIDENT, ISOLATE_STEP, null, null))
                .expectNoEvents()
                .expectException(invalid("reason-required"));
    }

    @Test
    void restoringAnIsolatedNodeBringsItBackOnline() {
        fixture.given(REGISTERED, ISOLATED)
                .when(new RestoreNode(NODE, INCIDENT, RESTORE_STEP, "patched", null))
                .expectEvents(RESTORED);
    }

    @Test
    void aRetriedRestorationChangesNothingAndSucceeds() {
        fixture.given(REGISTERED, ISOLATED, RESTORED)
                .when(new RestoreNode(NODE, INCIDENT, RESTORE_STEP, "patched", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void restoringAnOnlineNodeIsRefused() {
        fixture.given(REGISTERED)
                .when(new RestoreNode(NODE, INCIDENT, RESTORE_STEP, "patched", null))
                .expectNoEvents()
                .expectException(conflict("node-not-isolated"));
    }

    @Test
    void aRestorationWithoutReasonIsRefused() {
        fixture.given(REGISTERED, ISOLATED)
                .when(new RestoreNode(NODE, INCIDENT, RESTORE_STEP, " ", null))
                .expectNoEvents()
                .expectException(invalid("reason-required"));
    }

    @Test
    void aStepAndItsUndoMayShareAStepId() {
        fixture.given(REGISTERED, ISOLATED)
                .when(new RestoreNode(NODE, INCIDENT, ISOLATE_STEP, "false alarm", null))
                .expectEvents(new NodeRestored(NODE, INCIDENT, ISOLATE_STEP, "false alarm", null));
    }

    @Test
    void aRestoredNodeCanBeIsolatedAgainInANewStep() {
        fixture.given(REGISTERED, ISOLATED, RESTORED)
                .when(new IsolateNode(NODE, INCIDENT, "isolate-val-3-again", REASON, null))
                .expectEvents(new NodeIsolated(NODE, INCIDENT, "isolate-val-3-again", REASON, null));
    }

    @Test
    void aLateRetryOfAnEarlierIsolationDoesNotIsolateARestoredNode() {
        fixture.given(REGISTERED, ISOLATED, RESTORED)
                .when(new IsolateNode(NODE, INCIDENT, ISOLATE_STEP, REASON, "FW-12"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
