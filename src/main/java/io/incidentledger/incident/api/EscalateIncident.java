package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Raise the severity, with the reason for it. */
public record EscalateIncident(@TargetAggregateIdentifier IncidentId incidentId, Severity severity, String reason) {
}
