package io.incidentledger.containment.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a failed attempt at a containment step that will be tried again. */
public record RecordContainmentStepAttemptFailed(@TargetAggregateIdentifier IncidentId incidentId, String stepId,
                                                 int attempt, String reason, Instant nextAttemptAt) {
}
