package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declare normal operation restored as of {@code recoveredAt}. */
public record RecoverIncident(@TargetAggregateIdentifier IncidentId incidentId, Instant recoveredAt, String summary) {
}
