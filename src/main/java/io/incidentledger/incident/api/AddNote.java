package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a free-text note to the incident's record. */
public record AddNote(@TargetAggregateIdentifier IncidentId incidentId, String text) {
}
