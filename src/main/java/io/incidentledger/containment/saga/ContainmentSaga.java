package io.incidentledger.containment.saga;

import java.time.Clock;
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
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRefused;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.containment.api.ContainmentStepRetryRequested;
import io.incidentledger.containment.api.ContainmentStepStatus;
import io.incidentledger.containment.api.RecordContainmentStepAttemptFailed;
import io.incidentledger.containment.api.RecordContainmentStepExecuted;
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
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Contains an incident by its playbooks. While the incident is open it follows its category, severity, detections
 * and affected assets; whenever they bring the incident into a playbook's reach it requests that playbook's steps,
 * one per affected asset of the kind the step acts on. A step runs at once, or waits for a commander's approval
 * (escalating, one tier higher each time, while nobody acts). A failed attempt is tried again after a backoff until
 * the policy gives up; the failure is then recorded and a commander may ask for another try. When every
 * containment step has run or been refused, and at least one ran, the incident is recorded as contained as of the
 * last execution.
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
    static final String APPROVAL_DUE_SOON = "containment-approval-due-soon";
    static final String APPROVAL_OVERDUE = "containment-approval-overdue";
    /** The actor of every command the playbooks send. */
    public static final String ACTOR = "containment-playbook";

    private static final Set<IncidentStatus> CONTAINABLE = Set.of(
            IncidentStatus.REPORTED, IncidentStatus.ACKNOWLEDGED, IncidentStatus.TRIAGED);

    private IncidentId incidentId;
    private Category category;
    private Severity severity;
    private IncidentStatus status;
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

        boolean containsSomething() {
            return action != ContainmentStepAction.NOTIFY && !action.isUndo();
        }
    }

    /** The payload of the retry and approval deadlines: the step they are about. */
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

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentDismissed event, DeadlineManager deadlines) {
        status = IncidentStatus.DISMISSED;
        cancelApprovalDeadlines(deadlines);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentReopened event) {
        status = event.status();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(IncidentClosed event, DeadlineManager deadlines) {
        status = IncidentStatus.CLOSED;
        cancelApprovalDeadlines(deadlines);
        steps.values().forEach(step -> {
            if (step.retryDeadlineId != null) {
                deadlines.cancelSchedule(RETRY_DEADLINE, step.retryDeadlineId);
                step.retryDeadlineId = null;
            }
        });
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepRequested event, @MetaDataValue(ActorMetadata.ACTOR) String requestedBy,
            StepExecutor executor, ContainmentProperties properties, DeadlineManager deadlines,
            CommandGateway commands, Clock clock) {
        Step step = steps.computeIfAbsent(event.stepId(),
                id -> new Step(event.playbook(), event.action(), event.target(), event.reason()));
        if (event.approvalRequired()) {
            step.status = ContainmentStepStatus.AWAITING_APPROVAL;
            step.approvalDueAt = clock.instant().plus(properties.approval().timeout());
            scheduleApprovalDeadlines(event.stepId(), step, properties.approval(), deadlines);
        } else {
            step.status = ContainmentStepStatus.READY;
            // a commander's step by hand runs in their name; a playbook's in the playbook's
            boolean byHand = event.playbook().equals(ManualSteps.PLAYBOOK) && requestedBy != null;
            step.allowedBy = byHand ? requestedBy : ACTOR;
            attempt(event.stepId(), step, executor, deadlines, commands, clock);
        }
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepApproved event, StepExecutor executor, DeadlineManager deadlines,
            CommandGateway commands, Clock clock) {
        Step step = steps.get(event.stepId());
        if (step == null) {
            return;
        }
        cancelApprovalDeadlines(step, deadlines);
        step.status = ContainmentStepStatus.READY;
        step.allowedBy = event.approvedBy();
        attempt(event.stepId(), step, executor, deadlines, commands, clock);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepRefused event, DeadlineManager deadlines, CommandGateway commands) {
        Step step = steps.get(event.stepId());
        if (step == null) {
            return;
        }
        cancelApprovalDeadlines(step, deadlines);
        step.status = ContainmentStepStatus.REFUSED;
        containIfDone(commands);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepExecuted event, CommandGateway commands) {
        Step step = steps.get(event.stepId());
        if (step == null) {
            return;
        }
        step.status = ContainmentStepStatus.EXECUTED;
        step.executedAt = event.executedAt();
        step.externalReference = event.externalReference();
        containIfDone(commands);
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepFailed event) {
        Step step = steps.get(event.stepId());
        if (step != null) {
            step.status = ContainmentStepStatus.FAILED;
        }
    }

    @SagaEventHandler(associationProperty = INCIDENT_ID)
    void on(ContainmentStepRetryRequested event, StepExecutor executor, DeadlineManager deadlines,
            CommandGateway commands, Clock clock) {
        Step step = steps.get(event.stepId());
        if (step == null) {
            return;
        }
        step.status = ContainmentStepStatus.READY;
        step.allowedBy = event.requestedBy();
        attempt(event.stepId(), step, executor, deadlines, commands, clock);
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void retry(StepDeadline deadline, StepExecutor executor, DeadlineManager deadlines, CommandGateway commands,
               Clock clock) {
        Step step = steps.get(deadline.stepId());
        if (step != null && step.status == ContainmentStepStatus.READY && step.attempts == deadline.attempt() - 1) {
            attempt(deadline.stepId(), step, executor, deadlines, commands, clock);
        }
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
        if (properties.approval().raiseSeverity() && severity != Severity.CRITICAL) {
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
        if (!isOpen()) {
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

    private void attempt(String stepId, Step step, StepExecutor executor, DeadlineManager deadlines,
                         CommandGateway commands, Clock clock) {
        step.attempts++;
        StepOutcome outcome = executor.execute(new StepOrder(incidentId, stepId, step.action, step.target,
                step.reason == null ? "playbook " + step.playbook : step.reason, step.attempts,
                step.allowedBy == null ? ACTOR : step.allowedBy));
        Instant now = clock.instant();
        if (outcome instanceof StepOutcome.Executed executed) {
            send(commands, new RecordContainmentStepExecuted(incidentId, stepId, executed.adapter(),
                    executed.externalReference(), step.attempts, now));
        } else if (outcome instanceof StepOutcome.Retry retry) {
            Instant next = now.plus(retry.backoff());
            send(commands, new RecordContainmentStepAttemptFailed(incidentId, stepId, step.attempts, retry.reason(),
                    next));
            step.retryDeadlineId = deadlines.schedule(next, RETRY_DEADLINE,
                    new StepDeadline(stepId, step.attempts + 1, 0, next));
        } else if (outcome instanceof StepOutcome.Failed failed) {
            send(commands, new RecordContainmentStepFailed(incidentId, stepId, step.attempts, failed.reason()));
        }
    }

    private void containIfDone(CommandGateway commands) {
        if (!CONTAINABLE.contains(status)) {
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
        if (step.dueSoonDeadlineId != null) {
            deadlines.cancelSchedule(APPROVAL_DUE_SOON, step.dueSoonDeadlineId);
            step.dueSoonDeadlineId = null;
        }
        if (step.overdueDeadlineId != null) {
            deadlines.cancelSchedule(APPROVAL_OVERDUE, step.overdueDeadlineId);
            step.overdueDeadlineId = null;
        }
    }

    private void cancelApprovalDeadlines(DeadlineManager deadlines) {
        steps.values().forEach(step -> cancelApprovalDeadlines(step, deadlines));
    }

    private boolean isOpen() {
        return status != null && status.isOpen();
    }

    private void send(CommandGateway commands, Object command) {
        SagaCommands.send(commands, command, ACTOR, incidentId);
    }
}
