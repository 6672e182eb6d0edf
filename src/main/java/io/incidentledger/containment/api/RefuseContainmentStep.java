package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refuse a containment step that waits for a commander. */
public record RefuseContainmentStep(@TargetAggregateIdentifier IncidentId incidentId, String stepId, String reason) {
}
