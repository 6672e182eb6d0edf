package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the materiality determination (SEC). */
public record DetermineMateriality(@TargetAggregateIdentifier IncidentId incidentId, Instant determinedAt,
                                   boolean material, String rationale) {
}
