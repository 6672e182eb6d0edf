package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Approve a containment step that waits for a commander. */
public record ApproveContainmentStep(@TargetAggregateIdentifier IncidentId incidentId, String stepId, String comment) {
}
