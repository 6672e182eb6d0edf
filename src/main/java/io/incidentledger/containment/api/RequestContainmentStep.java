package io.incidentledger.containment.api;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask for a containment step; a step already requested under the same id is left as it is. */
public record RequestContainmentStep(@TargetAggregateIdentifier IncidentId incidentId, String stepId, String playbook,
                                     ContainmentStepAction action, AffectedAsset target, boolean approvalRequired,
                                     String reason) {
}
