package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Approve a containment step that waits for a commander. */
public record ApproveContainmentStep(@TargetAggregateIdentifier IncidentId incidentId, String stepId, String comment) {
}
