package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lower the severity, with the reason for it. */
public record DeescalateIncident(@TargetAggregateIdentifier IncidentId incidentId, Severity severity, String reason) {
}
