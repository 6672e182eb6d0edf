package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a person a role on the incident. */
public record AssignIncident(@TargetAggregateIdentifier IncidentId incidentId, AssignmentRole role, String assignee) {
}
