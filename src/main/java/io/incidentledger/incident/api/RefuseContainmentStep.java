package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refuse a containment step that waits for a commander. */
public record RefuseContainmentStep(@TargetAggregateIdentifier IncidentId incidentId, String stepId, String reason) {
}
