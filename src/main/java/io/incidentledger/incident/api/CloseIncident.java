package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a resolved incident as of {@code closedAt}. */
public record CloseIncident(@TargetAggregateIdentifier IncidentId incidentId, Instant closedAt) {
}
