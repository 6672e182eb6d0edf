package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Dismiss an open incident as a false positive. */
public record DismissIncident(@TargetAggregateIdentifier IncidentId incidentId, String reason) {
}
