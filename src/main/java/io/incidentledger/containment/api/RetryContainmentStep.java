package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Try a containment step that failed for good once more. */
public record RetryContainmentStep(@TargetAggregateIdentifier IncidentId incidentId, String stepId) {
}
