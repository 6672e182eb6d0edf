package io.incidentledger.containment.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
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
import io.incidentledger.containment.playbook.Playbooks;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.incident.api.AddAffectedAssets;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AffectedAssetsAdded;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.ContainIncident;
import io.incidentledger.incident.api.EscalateIncident;
import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentContained;
import io.incidentledger.incident.api.IncidentDeescalated;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentEradicated;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReopened;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentResolved;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentTriaged;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contains an incident by its playbooks. While the incident is open it follows its category, severity, detections
 * and affected assets; whenever they bring the incident into a playbook's reach it requests that playbook's steps,
 * one per affected asset of the kind the step acts on. A step runs at once, or waits for a commander's approval
 * (escalating, one tier higher each time, while nobody acts). A failed attempt is tried again after a backoff until
 * the policy gives up; the failure is then recorded and a commander may ask for another try. When every
 * containment step has run or been refused, and at least one ran, the incident is recorded as contained as of the
 * last execution.
 *
 * <p>The saga never waits for the outside world: it hands each attempt to the {@link StepExecutor} and learns the
 * outcome from the incident's events. A deadline per attempt submits it again if no outcome was recorded in time (the
 * node died meanwhile); the step id keeps the receiver from acting twice.
 *
 * <p>Dismissing or closing the incident ends the saga: every deadline it set is cancelled, attempts not yet made are
 * withdrawn, and a step waiting for its next attempt is recorded as failed. No new attempt is made while the incident
 * is resolved, except at an undo step. Steps asked for, approved or retried once this saga has ended (an undo after
 * a dismissal, anything on an incident reopened after its dismissal) are carried out by a saga of this class begun
 * by that step: it requests no playbook, records no containment, and ends once none of its steps is under way.
 *
 * <p>All the saga remembers are ids, facts that decide the playbooks, and where each step stands; every decision
 * and outcome is an event on the incident.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ContainmentSaga {

    static final String INCIDENT_ID = "incidentId";
    static final String RETRY_DEADLINE = "containment-step-retry";
    static final String ANSWER_DEADLINE = "containment-step-answer";
    static final String APPROVAL_DUE_SOON = "containment-approval-due-soon";
    static final String APPROVAL_OVERDUE = "containment-approval-overdue";
    /** The actor of every command the playbooks send. */
    public static final String ACTOR = "containment-playbook";

    private static final Logger log = LoggerFactory.getLogger(ContainmentSaga.class);

    private static final Set<IncidentStatus> CONTAINABLE = Set.of(
            IncidentStatus.REPORTED, IncidentStatus.ACKNOWLEDGED, IncidentStatus.TRIAGED);

    private IncidentId incidentId;
    private Category category;
    private Severity severity;
    private IncidentStatus status;
    /** Begun by a step, not by the report: carries out steps only, and knows the incident's status only if told. */
    private boolean byHand;
    private final Set<String> ruleIds = new HashSet<>();
    private final Set<AffectedAsset> assets = new LinkedHashSet<>();
    private final Map<String, Step> steps = new LinkedHashMap<>();

    /** Where one step stands, as far as the saga needs to know. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    static final class Step {
        private String playbook;
        private ContainmentStepAction action;
        private AffectedAsset target;
        private ContainmentStepStatus status;
        private String reason;
        private String allowedBy;
        private int attempts;
        private int tier;
        private Instant approvalDueAt;
        private String dueSoonDeadlineId;
        private String overdueDeadlineId;
        private String retryDeadlineId;
        private String answerDeadlineId;
        private Instant executedAt;
        private String externalReference;

        private Step() {
            // for the saga serializer
        }

        Step(String playbook, ContainmentStepAction action, AffectedAsset target, String reason) {
            this.playbook = playbook;
            this.action = action;
            this.target = target;
            this.reason = reason;
        }

        static Step of(ContainmentStepView view) {
            Step step = new Step(view.playbook(), view.action(), view.target(), view.reason());
            step.status = view.status();
            step.attempts = view.attempts();
            return step;
        }

        boolean containsSomething() {
            return action != ContainmentStepAction.NOTIFY && !action.isUndo();
        }

        boolean isUnderWay() {
            return status == ContainmentStepStatus.READY || status == ContainmentStepStatus.AWAITING_APPROVAL;
        }
    }

    /** The payload of the retry, answer and approval deadlines: the step they are about. */
    public record StepDeadline(String stepId, int attempt, int tier, Instant dueAt) {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentReported event, Playbooks playbooks, CommandGateway commands) {
        incidentId = event.incidentId();
        category = event.category();
        severity = event.severity();
        status = IncidentStatus.REPORTED;
        plan(playbooks, commands);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(DetectionAttached event, AssetFinder finder, Playbooks playbooks, CommandGateway commands) {
        if (byHand) {
            return;
        }
        Detection detection = event.detection();
        if (detection.ruleId() != null) {
            ruleIds.add(detection.ruleId());
        }
        List<AffectedAsset> found = detection.addresses() == null || detection.addresses().isEmpty()
                ? List.of() : finder.atAddresses(detection.chainId(), detection.addresses());
        List<AffectedAsset> added = found.stream().filter(asset -> !assets.contains(asset)).toList();
        if (!added.isEmpty() && isOpen()) {
            send(commands, new AddAffectedAssets(incidentId, added,
                    "registered at the addresses named by detection " + detection.name()));
        }
        plan(playbooks, commands);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(AffectedAssetsAdded event, Playbooks playbooks, CommandGateway commands) {
        assets.addAll(event.assets());
        plan(playbooks, commands);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentTriaged event, Playbooks playbooks, CommandGateway commands) {
        category = event.category();
        severity = event.severity();
        assets.addAll(event.affectedAssets());
        if (status == IncidentStatus.ACKNOWLEDGED) {
            status = IncidentStatus.TRIAGED;
        }
        plan(playbooks, commands);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentEscalated event, Playbooks playbooks, CommandGateway commands) {
        severity = event.to();
        plan(playbooks, commands);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentDeescalated event) {
        severity = event.to();
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentAcknowledged event) {
        if (status == IncidentStatus.REPORTED) {
            status = IncidentStatus.ACKNOWLEDGED;
        }
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentContained event) {
        status = IncidentStatus.CONTAINED;
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentEradicated event) {
        status = IncidentStatus.ERADICATED;
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentResolved event) {
        status = IncidentStatus.RESOLVED;
    }

    /** Reopening a resolved incident resumes its playbooks; a dismissed one has no saga left to resume. */
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentReopened event) {
        status = event.status();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentDismissed event, StepExecutor executor, DeadlineManager deadlines, CommandGateway commands) {
        status = IncidentStatus.DISMISSED;
        stopEverything("the incident was dismissed", executor, deadlines, commands);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentClosed event, StepExecutor executor, DeadlineManager deadlines, CommandGateway commands) {
        status = IncidentStatus.CLOSED;
        stopEverything("the incident was closed", executor, deadlines, commands);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepRequested event, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String requestedBy, StepExecutor executor,
            ContainmentProperties properties, DeadlineManager deadlines) {
        beginByHandIfNew(event.incidentId());
        Step step = steps.computeIfAbsent(event.stepId(),
                id -> new Step(event.playbook(), event.action(), event.target(), event.reason()));
        if (event.approvalRequired()) {
            step.status = ContainmentStepStatus.AWAITING_APPROVAL;
            step.approvalDueAt = recordedAt.plus(properties.approval().timeout());
            scheduleApprovalDeadlines(event.stepId(), step, properties.approval(), deadlines);
        } else {
            step.status = ContainmentStepStatus.READY;
            // a commander's step by hand runs in their name; a playbook's in the playbook's
            boolean manual = event.playbook().equals(ManualSteps.PLAYBOOK) && requestedBy != null;
            step.allowedBy = manual ? requestedBy : ACTOR;
            attempt(event.stepId(), step, executor, deadlines);
        }
    }

    @StartSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepApproved event, StepLookup lookup, StepExecutor executor, DeadlineManager deadlines) {
        beginByHandIfNew(event.incidentId());
        Step step = known(event.stepId(), lookup);
        if (step != null) {
            cancelApprovalDeadlines(step, deadlines);
            step.status = ContainmentStepStatus.READY;
            step.allowedBy = event.approvedBy();
            attempt(event.stepId(), step, executor, deadlines);
        }
        endIfByHandAndIdle(deadlines);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepRetryRequested event, StepLookup lookup, StepExecutor executor,
            DeadlineManager deadlines) {
        beginByHandIfNew(event.incidentId());
        Step step = known(event.stepId(), lookup);
        if (step != null) {
            step.status = ContainmentStepStatus.READY;
            step.allowedBy = event.requestedBy();
            attempt(event.stepId(), step, executor, deadlines);
        }
        endIfByHandAndIdle(deadlines);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepRefused event, DeadlineManager deadlines, CommandGateway commands) {
        Step step = steps.get(event.stepId());
        if (step != null) {
            cancelApprovalDeadlines(step, deadlines);
            step.status = ContainmentStepStatus.REFUSED;
            containIfDone(commands);
        }
        endIfByHandAndIdle(deadlines);
    }

    /** The outcome of an attempt: the next one is due at the time the executor recorded. */
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepAttemptFailed event, DeadlineManager deadlines, CommandGateway commands) {
        Step step = steps.get(event.stepId());
        if (step == null || step.status != ContainmentStepStatus.READY || step.attempts != event.attempt()
                || step.retryDeadlineId != null) {
            // an answer to an attempt already answered: the same attempt was made twice
            return;
        }
        cancel(ANSWER_DEADLINE, step.answerDeadlineId, deadlines);
        step.answerDeadlineId = null;
        if (mayAttempt(step)) {
            step.retryDeadlineId = deadlines.schedule(event.nextAttemptAt(), RETRY_DEADLINE,
                    new StepDeadline(event.stepId(), step.attempts + 1, 0, event.nextAttemptAt()));
        } else {
            send(commands, new RecordContainmentStepFailed(incidentId, event.stepId(), step.attempts,
                    "not tried again after attempt " + step.attempts + ": the incident is " + status));
        }
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepExecuted event, DeadlineManager deadlines, CommandGateway commands) {
        Step step = steps.get(event.stepId());
        if (step != null) {
            cancelAttemptDeadlines(step, deadlines);
            step.status = ContainmentStepStatus.EXECUTED;
            step.executedAt = event.executedAt();
            step.externalReference = event.externalReference();
            containIfDone(commands);
        }
        endIfByHandAndIdle(deadlines);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepFailed event, DeadlineManager deadlines) {
        Step step = steps.get(event.stepId());
        if (step != null) {
            cancelAttemptDeadlines(step, deadlines);
            step.status = ContainmentStepStatus.FAILED;
        }
        endIfByHandAndIdle(deadlines);
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void retry(StepDeadline deadline, StepExecutor executor, DeadlineManager deadlines, CommandGateway commands) {
        Step step = steps.get(deadline.stepId());
        if (step == null || step.status != ContainmentStepStatus.READY || step.attempts != deadline.attempt() - 1) {
            return;
        }
        step.retryDeadlineId = null;
        if (mayAttempt(step)) {
            attempt(deadline.stepId(), step, executor, deadlines);
        } else {
            send(commands, new RecordContainmentStepFailed(incidentId, deadline.stepId(), step.attempts,
                    "attempt " + deadline.attempt() + " not made: the incident is " + status));
        }
    }

    /**
     * No outcome of the attempt was recorded in time: the node making it may have died. The same attempt is
     * submitted again (the executor ignores it if it still has it); the receiver acts once per step id.
     */
    @DeadlineHandler(deadlineName = ANSWER_DEADLINE)
    void unanswered(StepDeadline deadline, StepExecutor executor, DeadlineManager deadlines) {
        Step step = steps.get(deadline.stepId());
        if (step == null || step.status != ContainmentStepStatus.READY || step.attempts != deadline.attempt()
                || step.retryDeadlineId != null) {
            return;
        }
        log.info("incident {}: no outcome of attempt {} at step {} was recorded in time; submitting it again",
                incidentId, step.attempts, deadline.stepId());
        submit(deadline.stepId(), step, executor, deadlines);
    }

    @DeadlineHandler(deadlineName = APPROVAL_DUE_SOON)
    void approvalDueSoon(StepDeadline deadline, CommandGateway commands) {
        Step step = steps.get(deadline.stepId());
        if (step != null && step.status == ContainmentStepStatus.AWAITING_APPROVAL && isOpen()) {
            send(commands, new RecordDeadlineApproaching(incidentId, DeadlineKind.APPROVAL, deadline.stepId(),
                    deadline.dueAt()));
        }
    }

    @DeadlineHandler(deadlineName = APPROVAL_OVERDUE)
    void approvalOverdue(StepDeadline deadline, ContainmentProperties properties, DeadlineManager deadlines,
                         CommandGateway commands) {
        Step step = steps.get(deadline.stepId());
        if (step == null || step.status != ContainmentStepStatus.AWAITING_APPROVAL || !isOpen()) {
            return;
        }
        step.tier = deadline.tier();
        send(commands, new RecordDeadlineMissed(incidentId, DeadlineKind.APPROVAL, deadline.stepId(),
                step.approvalDueAt, deadline.tier()));
        if (properties.approval().raiseSeverity() && severity != null && severity != Severity.CRITICAL) {
            send(commands, new EscalateIncident(incidentId, Severity.values()[severity.ordinal() + 1],
                    "no commander approved or refused step " + deadline.stepId() + " (" + step.action + ") by "
                            + step.approvalDueAt));
        }
        Instant next = deadline.dueAt().plus(properties.approval().repeat());
        step.overdueDeadlineId = deadlines.schedule(next, APPROVAL_OVERDUE,
                new StepDeadline(deadline.stepId(), 0, deadline.tier() + 1, next));
    }

    /** Requests the steps of every playbook in reach, and runs waiting steps a higher severity made automatic. */
    private void plan(Playbooks playbooks, CommandGateway commands) {
        if (byHand || !isOpen()) {
            return;
        }
        for (Playbook playbook : playbooks.covering(category, severity, ruleIds)) {
            for (PlaybookStep planned : playbook.steps()) {
                for (AffectedAsset target : targetsOf(planned.action())) {
                    String stepId = StepIds.of(incidentId, planned.action(), target, playbook.name());
                    boolean needsApproval = planned.needsApprovalAt(severity);
                    Step step = steps.get(stepId);
                    if (step == null) {
                        steps.put(stepId, new Step(playbook.name(), planned.action(), target, null));
                        send(commands, new RequestContainmentStep(incidentId, stepId, playbook.name(),
                                planned.action(), target, needsApproval, "playbook " + playbook.name()
                                + " for " + severity + " " + category));
                    } else if (step.status == ContainmentStepStatus.AWAITING_APPROVAL && !needsApproval) {
                        send(commands, new ApproveContainmentStep(incidentId, stepId,
                                "runs without approval at " + severity + " by playbook " + playbook.name()));
                    }
                }
            }
        }
    }

    private List<AffectedAsset> targetsOf(ContainmentStepAction action) {
        if (action.targetType() == null) {
            return Collections.singletonList(null);
        }
        return assets.stream().filter(asset -> asset.type() == action.targetType()).toList();
    }

    private void attempt(String stepId, Step step, StepExecutor executor, DeadlineManager deadlines) {
        step.attempts++;
        submit(stepId, step, executor, deadlines);
    }

    /** Hands the step's current attempt to the executor, and watches for its outcome. */
    private void submit(String stepId, Step step, StepExecutor executor, DeadlineManager deadlines) {
        executor.submit(new StepOrder(incidentId, stepId, step.action, step.target,
                step.reason == null ? "playbook " + step.playbook : step.reason, step.attempts,
                step.allowedBy == null ? ACTOR : step.allowedBy));
        // relative to now, not to the event: an event handled late must not make the watch fire at once, forever
        step.answerDeadlineId = deadlines.schedule(executor.answerWithin(step.action), ANSWER_DEADLINE,
                new StepDeadline(stepId, step.attempts, 0, null));
    }

    /**
     * Whether a new attempt may be made: a containing step only while the incident is open, an undo step until it is
     * closed (as the incident accepts them). A saga begun by a step does not know the status unless it was told.
     */
    private boolean mayAttempt(Step step) {
        return status == null || status.isOpen() || step.action.isUndo();
    }

    private void containIfDone(CommandGateway commands) {
        if (byHand || !CONTAINABLE.contains(status)) {
            return;
        }
        List<Step> containing = steps.values().stream().filter(Step::containsSomething).toList();
        boolean allSettled = containing.stream().allMatch(step -> step.status == ContainmentStepStatus.EXECUTED
                || step.status == ContainmentStepStatus.REFUSED);
        List<Step> executed = containing.stream().filter(step -> step.status == ContainmentStepStatus.EXECUTED)
                .toList();
        if (!allSettled || executed.isEmpty()) {
            return;
        }
        Instant containedAt = executed.stream().map(step -> step.executedAt).max(Instant::compareTo).orElseThrow();
        String summary = executed.stream()
                .map(step -> step.action + " " + step.target.identifier() + " (" + step.externalReference + ")")
                .collect(Collectors.joining(", ", "Contained by playbook: ", ""));
        send(commands, new ContainIncident(incidentId, containedAt, summary));
    }

    /**
     * The incident was dismissed or closed: no deadline of this saga stays behind, no attempt not yet begun is made,
     * and a step waiting for its next attempt is recorded as failed, so that it does not look as if it were still
     * going to run. An attempt running now ends as it ends, and its outcome is recorded.
     */
    private void stopEverything(String why, StepExecutor executor, DeadlineManager deadlines,
                                CommandGateway commands) {
        executor.withdraw(incidentId);
        steps.forEach((stepId, step) -> {
            boolean waitingForRetry = step.retryDeadlineId != null;
            cancelApprovalDeadlines(step, deadlines);
            cancelAttemptDeadlines(step, deadlines);
            if (waitingForRetry && step.status == ContainmentStepStatus.READY) {
                send(commands, new RecordContainmentStepFailed(incidentId, stepId, step.attempts,
                        "attempt " + (step.attempts + 1) + " not made: " + why));
            }
        });
    }

    private void beginByHandIfNew(IncidentId id) {
        if (incidentId == null) {
            incidentId = id;
            byHand = true;
        }
    }

    /** A step the saga has not seen requested: it was, before an earlier saga of the incident ended. */
    private Step known(String stepId, StepLookup lookup) {
        Step step = steps.get(stepId);
        if (step == null) {
            step = lookup.find(incidentId, stepId).map(Step::of).orElse(null);
            if (step == null) {
                log.warn("incident {}: step {} is not (yet) in the containment steps view; it is not carried out",
                        incidentId, stepId);
                return null;
            }
            steps.put(stepId, step);
        }
        return step;
    }

    private void endIfByHandAndIdle(DeadlineManager deadlines) {
        if (byHand && steps.values().stream().noneMatch(Step::isUnderWay)) {
            steps.values().forEach(step -> {
                cancelApprovalDeadlines(step, deadlines);
                cancelAttemptDeadlines(step, deadlines);
            });
            SagaLifecycle.end();
        }
    }

    private void scheduleApprovalDeadlines(String stepId, Step step, ContainmentProperties.Approval approval,
                                           DeadlineManager deadlines) {
        Duration warnBefore = approval.warnBefore();
        if (!warnBefore.isNegative() && !warnBefore.isZero() && warnBefore.compareTo(approval.timeout()) < 0) {
            step.dueSoonDeadlineId = deadlines.schedule(step.approvalDueAt.minus(warnBefore), APPROVAL_DUE_SOON,
                    new StepDeadline(stepId, 0, 0, step.approvalDueAt));
        }
        step.overdueDeadlineId = deadlines.schedule(step.approvalDueAt, APPROVAL_OVERDUE,
                new StepDeadline(stepId, 0, 1, step.approvalDueAt));
    }

    private static void cancelApprovalDeadlines(Step step, DeadlineManager deadlines) {
        cancel(APPROVAL_DUE_SOON, step.dueSoonDeadlineId, deadlines);
        cancel(APPROVAL_OVERDUE, step.overdueDeadlineId, deadlines);
        step.dueSoonDeadlineId = null;
        step.overdueDeadlineId = null;
    }

    private static void cancelAttemptDeadlines(Step step, DeadlineManager deadlines) {
        cancel(RETRY_DEADLINE, step.retryDeadlineId, deadlines);
        cancel(ANSWER_DEADLINE, step.answerDeadlineId, deadlines);
        step.retryDeadlineId = null;
        step.answerDeadlineId = null;
    }

    /** Cancels by the id kept when scheduling: one delete, where cancelling by name reads every deadline. */
    private static void cancel(String name, String scheduleId, DeadlineManager deadlines) {
        if (scheduleId != null) {
            deadlines.cancelSchedule(name, scheduleId);
        }
    }

    private boolean isOpen() {
        return status != null && status.isOpen();
    }

    private void send(CommandGateway commands, Object command) {
        SagaCommands.send(commands, command, ACTOR, incidentId);
    }
}
