package io.incidentledger.containment.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.RecordDeadlineApproaching;
import io.incidentledger.alerting.api.RecordDeadlineMissed;
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepAttemptFailed;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRefused;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.containment.api.ContainmentStepRetryRequested;
import io.incidentledger.containment.api.ContainmentStepStatus;
import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.containment.api.RecordContainmentStepFailed;
import io.incidentledger.containment.api.RequestContainmentStep;
import io.incidentledger.containment.playbook.ContainmentProperties;
import io.incidentledger.containment.playbook.Playbook;
import io.incidentledger.containment.playbook.PlaybookStep;
import io.incidentledger.containment.playbook.PlaybookStep.ApprovalMode;
import io.incidentledger.containment.playbook.Playbooks;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.incident.api.AddAffectedAssets;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AffectedAssetsAdded;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.ContainIncident;
import io.incidentledger.incident.api.EscalateIncident;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReopened;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentResolved;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentTriaged;
import io.incidentledger.incident.api.Severity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every playbook path, one behaviour per test: events on the incident in, commands to the incident and attempts
 * handed to the executor out; the executor's outcomes come back as events.
 */
class ContainmentSagaTest {

    private static final IncidentId ID = new IncidentId("7d1e9f0a-2b3c-4d5e-8f90-a1b2c3d4e5f6");
    private static final String AGGREGATE = ID.toString();
    private static final Instant START = Instant.parse("2025-03-10T08:30:00Z");
    private static final String HOT_KEY_ADDRESS = "0x00000000000000000000000000000000000000aa";
    private static final AffectedAsset HOT_KEY = new AffectedAsset(AssetType.SIGNING_KEY, "hot-wallet-1", null);
    private static final AffectedAsset VALIDATOR = new AffectedAsset(AssetType.NODE, "validator-3", null);
    private static final AffectedAsset VAULT = new AffectedAsset(AssetType.CONTRACT, "0xvault", "ethereum");
    private static final Duration APPROVAL_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration APPROVAL_WARNING = Duration.ofMinutes(5);
    private static final Duration APPROVAL_REPEAT = Duration.ofMinutes(10);
    private static final Duration ANSWER = RecordingStepExecutor.ANSWER_WITHIN;
    private static final Duration BACKOFF = Duration.ofSeconds(4);

    private static final Playbook KEY_COMPROMISE = new Playbook("key-compromise", Set.of(Category.KEY_COMPROMISE),
            Set.of(), Severity.MEDIUM, List.of(new PlaybookStep(ContainmentStepAction.REVOKE_KEY, ApprovalMode.NONE,
            null)));
    private static final Playbook NODE_COMPROMISE = new Playbook("node-compromise",
            Set.of(Category.NODE_COMPROMISE), Set.of(), Severity.HIGH, List.of(new PlaybookStep(
            ContainmentStepAction.ISOLATE_NODE, ApprovalMode.REQUIRED, Severity.CRITICAL)));
    private static final Playbook CONTRACT_EXPLOIT = new Playbook("contract-exploit",
            Set.of(Category.SMART_CONTRACT_EXPLOIT), Set.of(), Severity.HIGH, List.of(new PlaybookStep(
            ContainmentStepAction.PAUSE_CONTRACT, ApprovalMode.REQUIRED, null)));

    private static final String REVOKE = StepIds.of(ID, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise");
    private static final String ISOLATE = StepIds.of(ID, ContainmentStepAction.ISOLATE_NODE, VALIDATOR,
            "node-compromise");
    private static final String PAUSE = StepIds.of(ID, ContainmentStepAction.PAUSE_CONTRACT, VAULT,
            "contract-exploit");

    private SagaTestFixture<ContainmentSaga> fixture;
    private RecordingStepExecutor executor;
    /** What the containment steps view holds, for a saga begun after the one that requested the step had ended. */
    private final Map<String, ContainmentStepView> stepsView = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ContainmentSaga.class);
        executor = new RecordingStepExecutor();
        ContainmentProperties properties = new ContainmentProperties(
                List.of(KEY_COMPROMISE, NODE_COMPROMISE, CONTRACT_EXPLOIT),
                new ContainmentProperties.Approval(APPROVAL_TIMEOUT, APPROVAL_WARNING, APPROVAL_REPEAT, true),
                new ContainmentProperties.Acknowledgement(Map.of(Severity.LOW, Duration.ofHours(1)),
                        Duration.ofMinutes(5), Duration.ofMinutes(15), false));
        fixture.registerResource(properties);
        fixture.registerResource(new Playbooks(properties));
        fixture.registerResource(executor);
        fixture.registerResource((AssetFinder) (chain, addresses) ->
                addresses.contains(HOT_KEY_ADDRESS) ? List.of(HOT_KEY) : List.of());
        fixture.registerResource((StepLookup) (incident, stepId) -> Optional.ofNullable(stepsView.get(stepId)));
        fixture.registerCommandGateway(CommandGateway.class);
    }

    // --- automatic ----------------------------------------------------------------------------------------------------

    @Test
    void aKeyCompromiseDetectionNamingARegisteredKeyAddsItAsAffected() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH))
                .whenAggregate(AGGREGATE).publishes(new DetectionAttached(ID, detection()))
                .expectDispatchedCommands(new AddAffectedAssets(ID, List.of(HOT_KEY),
                        "registered at the addresses named by detection Hot wallet drain"));
    }

    @Test
    void anAffectedKeyInAKeyCompromiseIsRevokedWithoutApproval() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH))
                .whenAggregate(AGGREGATE).publishes(new AffectedAssetsAdded(ID, List.of(HOT_KEY), "detection"))
                .expectDispatchedCommands(new RequestContainmentStep(ID, REVOKE, "key-compromise",
                        ContainmentStepAction.REVOKE_KEY, HOT_KEY, false, "playbook key-compromise for HIGH KEY_COMPROMISE"));
    }

    @Test
    void aStepThatNeedsNoApprovalIsHandedToTheExecutorAtOnceAndItsOutcomeAwaited() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        new AffectedAssetsAdded(ID, List.of(HOT_KEY), "detection"))
                .whenAggregate(AGGREGATE).publishes(requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY,
                        "key-compromise", false))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(ANSWER, ContainmentSaga.ANSWER_DEADLINE);
        assertThat(executor.orders).singleElement().satisfies(order -> {
            assertThat(order.stepId()).isEqualTo(REVOKE);
            assertThat(order.action()).isEqualTo(ContainmentStepAction.REVOKE_KEY);
            assertThat(order.target()).isEqualTo(HOT_KEY);
            assertThat(order.attempt()).isEqualTo(1);
            assertThat(order.requestedBy()).isEqualTo(ContainmentSaga.ACTOR);
        });
    }

    @Test
    void theIncidentIsContainedAsOfTheLastExecutionOnceEveryStepHasRun() {
        Instant executedAt = START.plusSeconds(2);
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        new AffectedAssetsAdded(ID, List.of(HOT_KEY), "detection"),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false))
                .whenAggregate(AGGREGATE).publishes(new ContainmentStepExecuted(ID, REVOKE, "webhook", "kms-81", 1,
                        executedAt))
                .expectDispatchedCommands(new ContainIncident(ID, executedAt,
                        "Contained by playbook: REVOKE_KEY hot-wallet-1 (kms-81)"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aPlaybookOutOfReachOfTheSeverityRequestsNothing() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.NODE_COMPROMISE, Severity.MEDIUM))
                .whenAggregate(AGGREGATE).publishes(new AffectedAssetsAdded(ID, List.of(VALIDATOR), "responder"))
                .expectNoDispatchedCommands();
    }

    @Test
    void triageThatBringsTheIncidentIntoReachRequestsTheSteps() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.OTHER, Severity.MEDIUM))
                .whenAggregate(AGGREGATE).publishes(new IncidentTriaged(ID, Severity.CRITICAL,
                        Category.NODE_COMPROMISE, List.of(VALIDATOR), START.plusSeconds(60)))
                .expectDispatchedCommands(new RequestContainmentStep(ID, ISOLATE, "node-compromise",
                        ContainmentStepAction.ISOLATE_NODE, VALIDATOR, false,
                        "playbook node-compromise for CRITICAL NODE_COMPROMISE"));
    }

    // --- approval -----------------------------------------------------------------------------------------------------

    @Test
    void aNodeCompromiseAtHighWaitsForApproval() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.NODE_COMPROMISE, Severity.HIGH))
                .whenAggregate(AGGREGATE).publishes(new AffectedAssetsAdded(ID, List.of(VALIDATOR), "responder"))
                .expectDispatchedCommands(new RequestContainmentStep(ID, ISOLATE, "node-compromise",
                        ContainmentStepAction.ISOLATE_NODE, VALIDATOR, true,
                        "playbook node-compromise for HIGH NODE_COMPROMISE"));
    }

    @Test
    void aWaitingStepRunsNothingAndSchedulesItsApprovalDeadlines() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.NODE_COMPROMISE, Severity.HIGH))
                .whenAggregate(AGGREGATE).publishes(requested(ISOLATE, ContainmentStepAction.ISOLATE_NODE, VALIDATOR,
                        "node-compromise", true))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(APPROVAL_TIMEOUT.minus(APPROVAL_WARNING),
                        ContainmentSaga.APPROVAL_DUE_SOON)
                .expectScheduledDeadlineWithName(APPROVAL_TIMEOUT, ContainmentSaga.APPROVAL_OVERDUE);
        assertThat(executor.orders).isEmpty();
    }

    @Test
    void anApprovedStepRunsInTheNameOfTheApprover() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.NODE_COMPROMISE, Severity.HIGH),
                        requested(ISOLATE, ContainmentStepAction.ISOLATE_NODE, VALIDATOR, "node-compromise", true))
                .whenAggregate(AGGREGATE).publishes(new ContainmentStepApproved(ID, ISOLATE, "carol", "go"))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlineWithName(APPROVAL_TIMEOUT.minus(APPROVAL_WARNING),
                        ContainmentSaga.APPROVAL_DUE_SOON)
                .expectNoScheduledDeadlineWithName(APPROVAL_TIMEOUT, ContainmentSaga.APPROVAL_OVERDUE)
                .expectScheduledDeadlineWithName(ANSWER, ContainmentSaga.ANSWER_DEADLINE);
        assertThat(executor.orders).singleElement().extracting(StepOrder::requestedBy).isEqualTo("carol");
    }

    @Test
    void escalationToCriticalRunsAWaitingNodeIsolationWithoutApproval() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.NODE_COMPROMISE, Severity.HIGH),
                        new AffectedAssetsAdded(ID, List.of(VALIDATOR), "responder"),
                        requested(ISOLATE, ContainmentStepAction.ISOLATE_NODE, VALIDATOR, "node-compromise", true))
                .whenAggregate(AGGREGATE).publishes(new IncidentEscalated(ID, Severity.HIGH, Severity.CRITICAL,
                        "validator signing unknown blocks"))
                .expectDispatchedCommands(new ApproveContainmentStep(ID, ISOLATE,
                        "runs without approval at CRITICAL by playbook node-compromise"));
    }

    @Test
    void aRefusedStepNeverRunsAndItsDeadlinesAreCancelled() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.SMART_CONTRACT_EXPLOIT, Severity.HIGH),
                        requested(PAUSE, ContainmentStepAction.PAUSE_CONTRACT, VAULT, "contract-exploit", true))
                .whenAggregate(AGGREGATE).publishes(new ContainmentStepRefused(ID, PAUSE, "carol",
                        "pausing freezes user funds; the exploit path is already closed"))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
        assertThat(executor.orders).isEmpty();
    }

    @Test
    void anApprovalNobodyGivesIsRecordedAsMissedAtTierOneAndRaisesTheSeverity() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.SMART_CONTRACT_EXPLOIT, Severity.HIGH),
                        requested(PAUSE, ContainmentStepAction.PAUSE_CONTRACT, VAULT, "contract-exploit", true))
                .whenTimeElapses(APPROVAL_TIMEOUT)
                .expectDispatchedCommands(
                        new RecordDeadlineApproaching(ID, DeadlineKind.APPROVAL, PAUSE, START.plus(APPROVAL_TIMEOUT)),
                        new RecordDeadlineMissed(ID, DeadlineKind.APPROVAL, PAUSE, START.plus(APPROVAL_TIMEOUT), 1),
                        new EscalateIncident(ID, Severity.CRITICAL, "no commander approved or refused step " + PAUSE
                                + " (PAUSE_CONTRACT) by " + START.plus(APPROVAL_TIMEOUT)))
                .expectScheduledDeadlineWithName(APPROVAL_REPEAT, ContainmentSaga.APPROVAL_OVERDUE);
    }

    @Test
    void theApprovalEscalationRepeatsOneTierHigherUntilSomeoneActs() throws Exception {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.SMART_CONTRACT_EXPLOIT, Severity.CRITICAL),
                        requested(PAUSE, ContainmentStepAction.PAUSE_CONTRACT, VAULT, "contract-exploit", true))
                .andThenTimeElapses(APPROVAL_TIMEOUT)
                .whenTimeElapses(APPROVAL_REPEAT)
                .expectDispatchedCommands(
                        new RecordDeadlineMissed(ID, DeadlineKind.APPROVAL, PAUSE, START.plus(APPROVAL_TIMEOUT), 2));
    }

    // --- failures -----------------------------------------------------------------------------------------------------

    @Test
    void aFailedAttemptIsTriedAgainAtTheTimeTheExecutorRecorded() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false))
                .whenAggregate(AGGREGATE).publishes(attemptFailed(REVOKE, 1))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlineWithName(ANSWER, ContainmentSaga.ANSWER_DEADLINE)
                .expectScheduledDeadlineWithName(BACKOFF, ContainmentSaga.RETRY_DEADLINE);
    }

    @Test
    void theRetryAfterAFailedAttemptSubmitsTheSecondAttemptUnderTheSameStepId() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false),
                        attemptFailed(REVOKE, 1))
                .whenTimeElapses(BACKOFF)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(ANSWER, ContainmentSaga.ANSWER_DEADLINE);
        assertThat(executor.orders).extracting(StepOrder::attempt).containsExactly(1, 2);
        assertThat(executor.orders).extracting(StepOrder::stepId).containsOnly(REVOKE);
    }

    @Test
    void anAttemptWhoseOutcomeIsNotRecordedInTimeIsSubmittedAgainAsTheSameAttempt() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false))
                .whenTimeElapses(ANSWER)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(ANSWER, ContainmentSaga.ANSWER_DEADLINE);
        assertThat(executor.orders).extracting(StepOrder::attempt).containsExactly(1, 1);
    }

    @Test
    void theSameAttemptAnsweredTwiceIsRetriedOnce() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false),
                        attemptFailed(REVOKE, 1), attemptFailed(REVOKE, 1))
                .whenTimeElapses(BACKOFF)
                .expectNoDispatchedCommands();
        assertThat(executor.orders).extracting(StepOrder::attempt).containsExactly(1, 2);
    }

    @Test
    void aStepThatFailedForGoodLeavesNoDeadlineBehind() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false))
                .whenAggregate(AGGREGATE).publishes(new ContainmentStepFailed(ID, REVOKE, 1,
                        "kms.internal:443 refused the request: HTTP 403"))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRetryDueOnceTheIncidentIsResolvedIsNotMadeAndTheStepIsRecordedAsFailed() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false),
                        attemptFailed(REVOKE, 1), new IncidentResolved(ID, "keys rotated", START.plusSeconds(1)))
                .whenTimeElapses(BACKOFF)
                .expectDispatchedCommands(new RecordContainmentStepFailed(ID, REVOKE, 1,
                        "attempt 2 not made: the incident is RESOLVED"));
        assertThat(executor.orders).extracting(StepOrder::attempt).containsExactly(1);
    }

    @Test
    void anUndoStepIsStillRetriedOnceTheIncidentIsResolved() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.NODE_COMPROMISE, Severity.HIGH),
                        new IncidentResolved(ID, "node rebuilt", START),
                        requested(ISOLATE, ContainmentStepAction.RESTORE_NODE, VALIDATOR, ManualSteps.PLAYBOOK, false),
                        attemptFailed(ISOLATE, 1))
                .whenTimeElapses(BACKOFF)
                .expectNoDispatchedCommands();
        assertThat(executor.orders).extracting(StepOrder::attempt).containsExactly(1, 2);
    }

    @Test
    void aFailedStepKeepsTheIncidentFromBeingContained() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false),
                        requested(ISOLATE, ContainmentStepAction.ISOLATE_NODE, VALIDATOR, "manual", false),
                        new ContainmentStepFailed(ID, ISOLATE, 5, "HTTP 503"))
                .whenAggregate(AGGREGATE).publishes(new ContainmentStepExecuted(ID, REVOKE, "dry-run", "r", 1, START))
                .expectNoDispatchedCommands();
    }

    @Test
    void aCommandersRetryOfAFailedStepRunsItAgainInTheirName() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false),
                        new ContainmentStepFailed(ID, REVOKE, 1, "HTTP 403"))
                .whenAggregate(AGGREGATE).publishes(new ContainmentStepRetryRequested(ID, REVOKE, "carol"))
                .expectNoDispatchedCommands();
        assertThat(executor.orders).last().satisfies(order -> {
            assertThat(order.attempt()).isEqualTo(2);
            assertThat(order.requestedBy()).isEqualTo("carol");
        });
    }

    @Test
    void aStepACommanderAsksForByHandRunsInTheirName() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.NODE_COMPROMISE, Severity.HIGH))
                .whenAggregate(AGGREGATE).publishes(requested(ISOLATE, ContainmentStepAction.RESTORE_NODE, VALIDATOR,
                        ManualSteps.PLAYBOOK, false), Map.of("actor", "carol"))
                .expectNoDispatchedCommands();
        assertThat(executor.orders).singleElement().extracting(StepOrder::requestedBy).isEqualTo("carol");
    }

    // --- ending -------------------------------------------------------------------------------------------------------

    @Test
    void closingTheIncidentEndsTheSaga() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.SMART_CONTRACT_EXPLOIT, Severity.HIGH),
                        requested(PAUSE, ContainmentStepAction.PAUSE_CONTRACT, VAULT, "contract-exploit", true))
                .whenAggregate(AGGREGATE).publishes(new IncidentClosed(ID, START.plusSeconds(3600)))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(executor.withdrawn).containsExactly(ID);
    }

    @Test
    void dismissingTheIncidentWithARetryPendingEndsTheSagaCancelsEveryDeadlineAndRecordsTheStepAsFailed() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false),
                        attemptFailed(REVOKE, 1),
                        requested(PAUSE, ContainmentStepAction.PAUSE_CONTRACT, VAULT, "contract-exploit", true),
                        requested(ISOLATE, ContainmentStepAction.ISOLATE_NODE, VALIDATOR, ManualSteps.PLAYBOOK, false))
                .whenAggregate(AGGREGATE).publishes(new IncidentDismissed(ID, "a drill, not an attack"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(new RecordContainmentStepFailed(ID, REVOKE, 1,
                        "attempt 2 not made: the incident was dismissed"));
        assertThat(executor.withdrawn).as("the attempt at the isolation not yet made").containsExactly(ID);
    }

    @Test
    void noAttemptIsMadeAfterTheDismissalWhenTheRetryWouldHaveBeenDue() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        requested(REVOKE, ContainmentStepAction.REVOKE_KEY, HOT_KEY, "key-compromise", false),
                        attemptFailed(REVOKE, 1), new IncidentDismissed(ID, "a drill, not an attack"))
                .whenTimeElapses(Duration.ofHours(1))
                .expectNoDispatchedCommands();
        assertThat(executor.orders).extracting(StepOrder::attempt).containsExactly(1);
    }

    // --- after the end ------------------------------------------------------------------------------------------------

    @Test
    void anUndoAskedForAfterTheDismissalIsCarriedOutByASagaBegunForIt() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.NODE_COMPROMISE, Severity.CRITICAL),
                        new IncidentDismissed(ID, "a drill, not an attack"))
                .whenAggregate(AGGREGATE).publishes(requested(ISOLATE, ContainmentStepAction.RESTORE_NODE, VALIDATOR,
                        ManualSteps.PLAYBOOK, false), Map.of("actor", "carol"))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(ANSWER, ContainmentSaga.ANSWER_DEADLINE);
        assertThat(executor.orders).singleElement().satisfies(order -> {
            assertThat(order.action()).isEqualTo(ContainmentStepAction.RESTORE_NODE);
            assertThat(order.requestedBy()).isEqualTo("carol");
        });
    }

    @Test
    void aSagaBegunByAStepEndsOnceTheStepHasRun() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.NODE_COMPROMISE, Severity.CRITICAL),
                        new IncidentDismissed(ID, "a drill, not an attack"),
                        requested(ISOLATE, ContainmentStepAction.RESTORE_NODE, VALIDATOR, ManualSteps.PLAYBOOK, false))
                .whenAggregate(AGGREGATE).publishes(new ContainmentStepExecuted(ID, ISOLATE, "webhook", "fw-7", 1,
                        START))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void anApprovalAfterTheIncidentWasReopenedRunsAStepTheEndedSagaHadRequested() {
        stepsView.put(PAUSE, new ContainmentStepView(PAUSE, "contract-exploit", ContainmentStepAction.PAUSE_CONTRACT,
                VAULT, true, ContainmentStepStatus.AWAITING_APPROVAL, "playbook contract-exploit", START,
                ContainmentSaga.ACTOR, null, null, null, 0, null, null, null, null, null));
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.SMART_CONTRACT_EXPLOIT, Severity.HIGH),
                        requested(PAUSE, ContainmentStepAction.PAUSE_CONTRACT, VAULT, "contract-exploit", true),
                        new IncidentDismissed(ID, "looked like a false alarm"),
                        new IncidentReopened(ID, "it was not", IncidentStatus.ACKNOWLEDGED))
                .whenAggregate(AGGREGATE).publishes(new ContainmentStepApproved(ID, PAUSE, "carol", "pause it now"))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        assertThat(executor.orders).singleElement().satisfies(order -> {
            assertThat(order.stepId()).isEqualTo(PAUSE);
            assertThat(order.target()).isEqualTo(VAULT);
            assertThat(order.attempt()).isEqualTo(1);
            assertThat(order.requestedBy()).isEqualTo("carol");
        });
    }

    @Test
    void aSagaBegunByAStepRequestsNoPlaybookSteps() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(AGGREGATE).published(reported(Category.KEY_COMPROMISE, Severity.HIGH),
                        new IncidentDismissed(ID, "looked like a false alarm"),
                        new IncidentReopened(ID, "it was not", IncidentStatus.ACKNOWLEDGED),
                        requested(ISOLATE, ContainmentStepAction.ISOLATE_NODE, VALIDATOR, ManualSteps.PLAYBOOK, false))
                .whenAggregate(AGGREGATE).publishes(new AffectedAssetsAdded(ID, List.of(HOT_KEY), "responder"))
                .expectNoDispatchedCommands();
    }

    // --- scenario ------------------------------------------------------------------------------------------------------

    private static IncidentReported reported(Category category, Severity severity) {
        return new IncidentReported(ID, "Incident", "what happened", severity, category, IncidentSource.DETECTION,
                null, START);
    }

    private static ContainmentStepRequested requested(String stepId, ContainmentStepAction action,
                                                      AffectedAsset target, String playbook, boolean approval) {
        return new ContainmentStepRequested(ID, stepId, playbook, action, target, approval, "playbook " + playbook);
    }

    private static ContainmentStepAttemptFailed attemptFailed(String stepId, int attempt) {
        return new ContainmentStepAttemptFailed(ID, stepId, attempt, "HTTP 503 from kms.internal:443",
                START.plus(BACKOFF));
    }

    private static Detection detection() {
        return new Detection(DetectionSource.FORTA, "0xalert", "Hot wallet drain", "Outflow from the hot wallet",
                "Critical", Severity.CRITICAL, Category.KEY_COMPROMISE, "ethereum", List.of(HOT_KEY_ADDRESS),
                List.of(), List.of(), "forta:drain:" + HOT_KEY_ADDRESS, "ab".repeat(32), null, null, START, START);
    }
}
