package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopen a resolved or dismissed incident. */
public record ReopenIncident(@TargetAggregateIdentifier IncidentId incidentId, String reason) {
}
