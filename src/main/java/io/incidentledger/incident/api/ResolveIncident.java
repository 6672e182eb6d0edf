package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declare the incident resolved as of {@code resolvedAt}, with a summary of what happened. */
public record ResolveIncident(@TargetAggregateIdentifier IncidentId incidentId, String summary, Instant resolvedAt) {
}
