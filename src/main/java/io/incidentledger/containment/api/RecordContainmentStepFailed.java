package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a containment step failed for good. */
public record RecordContainmentStepFailed(@TargetAggregateIdentifier IncidentId incidentId, String stepId, int attempts,
                                          String reason) {
}
