package io.incidentledger.containment.saga;

import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.IncidentId;

/**
 * One attempt at a containment step, as the saga hands it to the outside world.
 *
 * @param stepId      also the idempotency key the receiver sees on every attempt
 * @param attempt     1 for the first attempt, counting on across retries
 * @param requestedBy who allowed the step: the approving commander, or the playbook
 */
public record StepOrder(IncidentId incidentId, String stepId, ContainmentStepAction action, AffectedAsset target,
                        String reason, int attempt, String requestedBy) {
}
