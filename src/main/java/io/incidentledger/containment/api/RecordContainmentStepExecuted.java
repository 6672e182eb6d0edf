package io.incidentledger.containment.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the outside world carried out a containment step. */
public record RecordContainmentStepExecuted(@TargetAggregateIdentifier IncidentId incidentId, String stepId,
                                            String adapter, String externalReference, int attempt, Instant executedAt) {
}
