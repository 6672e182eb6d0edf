package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a containment step failed for good. */
public record RecordContainmentStepFailed(@TargetAggregateIdentifier IncidentId incidentId, String stepId, int attempts,
                                          String reason) {
}
