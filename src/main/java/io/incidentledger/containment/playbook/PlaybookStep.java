package io.incidentledger.containment.playbook;

import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.incident.api.Severity;
import jakarta.validation.constraints.NotNull;

/**
 * One step of a playbook: it runs on its own, or waits for a commander's approval.
 *
 * @param action        what the step does; undo actions (restore, unpause, reopen) are for commanders, not playbooks
 * @param approval      {@code REQUIRED} or {@code NONE}
 * @param automaticFrom with {@code approval: REQUIRED}, the severity from which the step runs without approval
 *                      (e.g. isolate a node on its own when CRITICAL, with approval when HIGH); may be absent
 */
public record PlaybookStep(@NotNull ContainmentStepAction action, @NotNull ApprovalMode approval,
                           Severity automaticFrom) {

    /** Whether a step needs a commander's approval. */
    public enum ApprovalMode {
        REQUIRED, NONE
    }

    /** Whether the step waits for a commander when the incident is {@code severity}. */
    public boolean needsApprovalAt(Severity severity) {
        if (approval == ApprovalMode.NONE) {
            return false;
        }
        return automaticFrom == null || automaticFrom.isAbove(severity);
    }
}
