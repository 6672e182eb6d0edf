package io.incidentledger.incident.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepAttemptFailed;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRefused;
import io.incidentledger.containment.api.ContainmentStepRetryRequested;
import io.incidentledger.containment.api.ContainmentStepStatus;
import io.incidentledger.containment.api.RecordContainmentStepAttemptFailed;
import io.incidentledger.containment.api.RecordContainmentStepExecuted;
import io.incidentledger.containment.api.RecordContainmentStepFailed;
import io.incidentledger.containment.api.RefuseContainmentStep;
import io.incidentledger.containment.api.RequestContainmentStep;
import io.incidentledger.containment.api.RetryContainmentStep;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

/**
 * One containment step of an incident, an action on the outside world: it waits for a commander's approval (or is
 * ready at once), is executed or fails after its attempts, and a failed step may be retried. The step keeps the order
 * of these; whether the incident still takes the step's commands is the incident's to say ({@link Incident} asks
 * before it hands a command on).
 *
 * <p>Its state is a field of the incident's snapshot, hence the field access for Jackson.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class ContainmentStep {

    @EntityId
    private String stepId;
    private ContainmentStepStatus status;

    ContainmentStep() {
        // for a snapshot
    }

    ContainmentStep(String stepId, boolean approvalRequired) {
        this.stepId = stepId;
        this.status = approvalRequired ? ContainmentStepStatus.AWAITING_APPROVAL : ContainmentStepStatus.READY;
    }

    /** A step acts on the kind of asset its action targets, or on none when the action targets none. */
    static void requireFittingTarget(RequestContainmentStep command) {
        if (command.action().targetType() == null ? command.target() != null
                : command.target() == null || command.target().type() != command.action().targetType()) {
            throw CommandRefusedException.invalid("target-mismatch", command.action() + " acts on "
                    + (command.action().targetType() == null ? "no asset" : "a " + command.action().targetType())
                    + ", not on " + (command.target() == null ? "nothing" : "a " + command.target().type()));
        }
    }

    void approve(ApproveContainmentStep command, String actor) {
        require(ContainmentStepStatus.AWAITING_APPROVAL, "approve");
        apply(new ContainmentStepApproved(command.incidentId(), stepId, actor, command.comment()));
    }

    void refuse(RefuseContainmentStep command, String actor) {
        require(ContainmentStepStatus.AWAITING_APPROVAL, "refuse");
        apply(new ContainmentStepRefused(command.incidentId(), stepId, actor, command.reason()));
    }

    /** The outside world's answer is recorded whatever the incident's status; recording it twice changes nothing. */
    void recordExecuted(RecordContainmentStepExecuted command) {
        if (status == ContainmentStepStatus.EXECUTED) {
            return;
        }
        require(ContainmentStepStatus.READY, "record the execution of");
        apply(new ContainmentStepExecuted(command.incidentId(), stepId, command.adapter(),
                command.externalReference(), command.attempt(), command.executedAt()));
    }

    void recordAttemptFailed(RecordContainmentStepAttemptFailed command) {
        require(ContainmentStepStatus.READY, "record a failed attempt at");
        apply(new ContainmentStepAttemptFailed(command.incidentId(), stepId, command.attempt(), command.reason(),
                command.nextAttemptAt()));
    }

    void recordFailed(RecordContainmentStepFailed command) {
        require(ContainmentStepStatus.READY, "record the failure of");
        apply(new ContainmentStepFailed(command.incidentId(), stepId, command.attempts(), command.reason()));
    }

    void retry(RetryContainmentStep command, String actor) {
        require(ContainmentStepStatus.FAILED, "retry");
        apply(new ContainmentStepRetryRequested(command.incidentId(), stepId, actor));
    }

    @EventSourcingHandler
    void on(ContainmentStepApproved event) {
        status = ContainmentStepStatus.READY;
    }

    @EventSourcingHandler
    void on(ContainmentStepRefused event) {
        status = ContainmentStepStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(ContainmentStepExecuted event) {
        status = ContainmentStepStatus.EXECUTED;
    }

    @EventSourcingHandler
    void on(ContainmentStepFailed event) {
        status = ContainmentStepStatus.FAILED;
    }

    @EventSourcingHandler
    void on(ContainmentStepRetryRequested event) {
        status = ContainmentStepStatus.READY;
    }

    private void require(ContainmentStepStatus required, String action) {
        if (status != required) {
            throw CommandRefusedException.conflict("illegal-step-transition",
                    "cannot " + action + " containment step " + stepId + ": it is " + status + ", and must be "
                            + required);
        }
    }

    /** Same id and status, same state: what the aggregate fixture's replay check compares. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ContainmentStep that && stepId.equals(that.stepId) && status == that.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stepId, status);
    }
}
