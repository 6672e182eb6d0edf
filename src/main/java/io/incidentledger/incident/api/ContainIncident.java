package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declare the incident contained as of {@code containedAt}. */
public record ContainIncident(@TargetAggregateIdentifier IncidentId incidentId, Instant containedAt, String summary) {
}
