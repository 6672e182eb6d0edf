package io.incidentledger.incident.command;

import static io.incidentledger.common.CommandRefusedException.Kind.CONFLICT;
import static io.incidentledger.common.CommandRefusedException.Kind.INVALID;
import static io.incidentledger.common.CommandRefusedException.Kind.NOT_FOUND;
import static io.incidentledger.incident.command.Refusals.refusal;

import java.time.Instant;
import java.util.List;

import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.DeadlineMissed;
import io.incidentledger.alerting.api.NotificationDelivered;
import io.incidentledger.alerting.api.NotificationDeliveryFailed;
import io.incidentledger.alerting.api.RecordDeadlineMissed;
import io.incidentledger.alerting.api.RecordNotificationDelivered;
import io.incidentledger.alerting.api.RecordNotificationDeliveryFailed;
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepAttemptFailed;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRefused;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.containment.api.ContainmentStepRetryRequested;
import io.incidentledger.containment.api.RecordContainmentStepAttemptFailed;
import io.incidentledger.containment.api.RecordContainmentStepExecuted;
import io.incidentledger.containment.api.RecordContainmentStepFailed;
import io.incidentledger.containment.api.RefuseContainmentStep;
import io.incidentledger.containment.api.RequestContainmentStep;
import io.incidentledger.containment.api.RetryContainmentStep;
import io.incidentledger.incident.api.AddAffectedAssets;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AffectedAssetsAdded;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.Severity;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Containment steps as the incident records them: requested, approved or refused, executed or failed, retried. */
class IncidentContainmentStepsTest {

    private static final IncidentId ID = new IncidentId("0b6f3a52-61c4-4c8e-9d0a-5e2f7b1c9d33");
    private static final Instant DETECTED_AT = Instant.parse("2025-03-10T08:30:00Z");
    private static final Instant EXECUTED_AT = Instant.parse("2025-03-10T08:30:02Z");
    private static final AffectedAsset KEY = new AffectedAsset(AssetType.SIGNING_KEY, "hot-wallet-7", null);
    private static final AffectedAsset NODE = new AffectedAsset(AssetType.NODE, "validator-3", null);
    private static final String STEP = "step-1";
    private static final String PLAYBOOK = "key-compromise";
    private static final String CAROL = "carol";
    private static final MetaData BY_CAROL = MetaData.with("actor", CAROL);

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    @Test
    void aPlaybookStepIsRecordedAsRequested() {
        fixture.given(reported())
                .when(new RequestContainmentStep(ID, STEP, PLAYBOOK, ContainmentStepAction.REVOKE_KEY, KEY, false,
                        "playbook key-compromise"))
                .expectEvents(requested(false))
                .expectResultMessagePayload(true);
    }

    @Test
    void aStepRequestedTwiceIsRecordedOnce() {
        fixture.given(reported(), requested(false))
                .when(new RequestContainmentStep(ID, STEP, PLAYBOOK, ContainmentStepAction.REVOKE_KEY, KEY, false,
                        "playbook key-compromise"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aStepMustActOnTheKindOfAssetItsActionTargets() {
        fixture.given(reported())
                .when(new RequestContainmentStep(ID, STEP, PLAYBOOK, ContainmentStepAction.REVOKE_KEY, NODE, false,
                        "by hand"))
                .expectException(refusal("target-mismatch", INVALID))
                .expectNoEvents();
    }

    @Test
    void aNotificationStepActsOnNoAsset() {
        fixture.given(reported())
                .when(new RequestContainmentStep(ID, STEP, PLAYBOOK, ContainmentStepAction.NOTIFY, KEY, false,
                        "playbook"))
                .expectException(refusal("target-mismatch", INVALID))
                .expectNoEvents();
    }

    @Test
    void noStepIsRequestedOnADismissedIncident() {
        fixture.given(reported(), new IncidentDismissed(ID, "false positive"))
                .when(new RequestContainmentStep(ID, STEP, PLAYBOOK, ContainmentStepAction.REVOKE_KEY, KEY, false,
                        "playbook"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aDismissedIncidentsContainmentCanStillBeUndone() {
        fixture.given(reported(), new IncidentDismissed(ID, "false positive"))
                .when(new RequestContainmentStep(ID, STEP, "manual", ContainmentStepAction.RESTORE_NODE, NODE, false,
                        "the alert was a false positive"))
                .expectEvents(new ContainmentStepRequested(ID, STEP, "manual", ContainmentStepAction.RESTORE_NODE, NODE,
                        false, "the alert was a false positive"));
    }

    @Test
    void aClosedIncidentTakesNoMoreSteps() {
        fixture.given(reported(), new IncidentClosed(ID, DETECTED_AT.plusSeconds(86_400)))
                .when(new RequestContainmentStep(ID, STEP, "manual", ContainmentStepAction.RESTORE_NODE, NODE, false,
                        "late undo"))
                .expectException(refusal("illegal-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aCommanderApprovesAWaitingStepAndTheApprovalNamesThem() {
        fixture.given(reported(), requested(true))
                .when(new ApproveContainmentStep(ID, STEP, "go"), BY_CAROL)
                .expectEvents(new ContainmentStepApproved(ID, STEP, CAROL, "go"));
    }

    @Test
    void aCommanderRefusesAWaitingStepAndTheRefusalNamesThem() {
        fixture.given(reported(), requested(true))
                .when(new RefuseContainmentStep(ID, STEP, "the node serves customers"), BY_CAROL)
                .expectEvents(new ContainmentStepRefused(ID, STEP, CAROL, "the node serves customers"));
    }

    @Test
    void aStepThatNeedsNoApprovalCannotBeApproved() {
        fixture.given(reported(), requested(false))
                .when(new ApproveContainmentStep(ID, STEP, "go"), BY_CAROL)
                .expectException(refusal("illegal-step-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anUnknownStepIsNotFound() {
        fixture.given(reported())
                .when(new ApproveContainmentStep(ID, "step-unknown", "go"), BY_CAROL)
                .expectException(refusal("step-not-found", NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aWaitingStepCannotBeExecutedBeforeItIsApproved() {
        fixture.given(reported(), requested(true))
                .when(new RecordContainmentStepExecuted(ID, STEP, "dry-run", "ref-1", 1, EXECUTED_AT))
                .expectException(refusal("illegal-step-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anApprovedStepIsRecordedAsExecutedWithTheExternalReference() {
        fixture.given(reported(), requested(true), new ContainmentStepApproved(ID, STEP, CAROL, null))
                .when(new RecordContainmentStepExecuted(ID, STEP, "webhook", "kms-revocation-81", 2, EXECUTED_AT))
                .expectEvents(new ContainmentStepExecuted(ID, STEP, "webhook", "kms-revocation-81", 2, EXECUTED_AT));
    }

    @Test
    void recordingAnExecutionTwiceChangesNothing() {
        fixture.given(reported(), requested(false),
                        new ContainmentStepExecuted(ID, STEP, "dry-run", "ref-1", 1, EXECUTED_AT))
                .when(new RecordContainmentStepExecuted(ID, STEP, "dry-run", "ref-1", 1, EXECUTED_AT))
                .expectNoEvents();
    }

    @Test
    void aRefusedStepCannotBeExecuted() {
        fixture.given(reported(), requested(true), new ContainmentStepRefused(ID, STEP, CAROL, "no"))
                .when(new RecordContainmentStepExecuted(ID, STEP, "dry-run", "ref-1", 1, EXECUTED_AT))
                .expectException(refusal("illegal-step-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aFailedAttemptIsRecordedWithTheNextAttemptsTime() {
        Instant next = EXECUTED_AT.plusSeconds(2);
        fixture.given(reported(), requested(false))
                .when(new RecordContainmentStepAttemptFailed(ID, STEP, 1, "HTTP 503", next))
                .expectEvents(new ContainmentStepAttemptFailed(ID, STEP, 1, "HTTP 503", next));
    }

    @Test
    void aStepThatFailedForGoodIsRetriedOnlyWhenACommanderAsks() {
        fixture.given(reported(), requested(false), new ContainmentStepFailed(ID, STEP, 5, "HTTP 503"))
                .when(new RetryContainmentStep(ID, STEP), BY_CAROL)
                .expectEvents(new ContainmentStepRetryRequested(ID, STEP, CAROL));
    }

    @Test
    void aStepThatHasNotFailedCannotBeRetried() {
        fixture.given(reported(), requested(false))
                .when(new RetryContainmentStep(ID, STEP), BY_CAROL)
                .expectException(refusal("illegal-step-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aFailedStepCannotBeRecordedAsFailedAgain() {
        fixture.given(reported(), requested(false), new ContainmentStepFailed(ID, STEP, 5, "HTTP 503"))
                .when(new RecordContainmentStepFailed(ID, STEP, 6, "HTTP 503"))
                .expectException(refusal("illegal-step-transition", CONFLICT))
                .expectNoEvents();
    }

    @Test
    void onlyAssetsNotYetRecordedAreAdded() {
        fixture.given(reported(), new AffectedAssetsAdded(ID, List.of(KEY), "detection"))
                .when(new AddAffectedAssets(ID, List.of(KEY, NODE, NODE), "responder"))
                .expectEvents(new AffectedAssetsAdded(ID, List.of(NODE), "responder"));
    }

    @Test
    void addingOnlyKnownAssetsRecordsNothing() {
        fixture.given(reported(), new AffectedAssetsAdded(ID, List.of(KEY), "detection"))
                .when(new AddAffectedAssets(ID, List.of(KEY), "responder"))
                .expectNoEvents();
    }

    @Test
    void aMissedDeadlineIsRecordedWithTheTierItEscalatedTo() {
        Instant due = DETECTED_AT.plusSeconds(900);
        fixture.given(reported())
                .when(new RecordDeadlineMissed(ID, DeadlineKind.ACKNOWLEDGEMENT, "acknowledgement", due, 1))
                .expectEvents(new DeadlineMissed(ID, DeadlineKind.ACKNOWLEDGEMENT, "acknowledgement", due, 1));
    }

    @Test
    void aFailingDeliveryIsRecordedEvenOnADismissedIncident() {
        fixture.given(reported(), new IncidentDismissed(ID, "false positive"))
                .when(new RecordNotificationDeliveryFailed(ID, "n-1", "INCIDENT_REPORTED", "mail", "commanders", 3,
                        "connection refused"))
                .expectEvents(new NotificationDeliveryFailed(ID, "n-1", "INCIDENT_REPORTED", "mail", "commanders", 3,
                        "connection refused"));
    }

    @Test
    void aFailingDeliveryIsRecordedOnceHoweverOftenTheNotifierRepeatsIt() {
        fixture.given(reported(), new NotificationDeliveryFailed(ID, "n-1", "INCIDENT_REPORTED", "mail", "commanders",
                        3, "connection refused"))
                .when(new RecordNotificationDeliveryFailed(ID, "n-1", "INCIDENT_REPORTED", "mail", "commanders", 3,
                        "connection refused"))
                .expectNoEvents();
    }

    @Test
    void aLateDeliveryIsRecordedOnlyForANotificationRecordedAsFailing() {
        fixture.given(reported())
                .when(new RecordNotificationDelivered(ID, "n-1", "mail", "commanders", 4))
                .expectNoEvents();
    }

    @Test
    void aLateDeliveryOfAFailingNotificationIsRecordedOnce() {
        fixture.given(reported(), new NotificationDeliveryFailed(ID, "n-1", "INCIDENT_REPORTED", "mail", "commanders",
                        3, "connection refused"))
                .when(new RecordNotificationDelivered(ID, "n-1", "mail", "commanders", 4))
                .expectEvents(new NotificationDelivered(ID, "n-1", "mail", "commanders", 4));
    }

    private static IncidentReported reported() {
        return new IncidentReported(ID, "Hot wallet key exposed", "Key found in a CI log", Severity.HIGH,
                Category.KEY_COMPROMISE, IncidentSource.MANUAL, null, DETECTED_AT);
    }

    private static ContainmentStepRequested requested(boolean approvalRequired) {
        return new ContainmentStepRequested(ID, STEP, PLAYBOOK, ContainmentStepAction.REVOKE_KEY, KEY,
                approvalRequired, "playbook key-compromise");
    }
}
