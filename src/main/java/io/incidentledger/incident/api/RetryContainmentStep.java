package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Try a containment step that failed for good once more. */
public record RetryContainmentStep(@TargetAggregateIdentifier IncidentId incidentId, String stepId) {
}
