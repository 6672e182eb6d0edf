package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record when the organisation became aware of the incident. */
public record RecordAwareness(@TargetAggregateIdentifier IncidentId incidentId, Instant awareAt, String basis) {
}
