package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask for a containment step; a step already requested under the same id is left as it is. */
public record RequestContainmentStep(@TargetAggregateIdentifier IncidentId incidentId, String stepId, String playbook,
                                     ContainmentStepAction action, AffectedAsset target, boolean approvalRequired,
                                     String reason) {
}
