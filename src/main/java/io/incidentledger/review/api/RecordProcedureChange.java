package io.incidentledger.review.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a change made to a playbook or procedure because of the incident. */
public record RecordProcedureChange(@TargetAggregateIdentifier IncidentId incidentId, String description, String reference) {
}
