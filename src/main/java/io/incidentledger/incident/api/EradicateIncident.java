package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declare the cause of the incident removed as of {@code eradicatedAt}. */
public record EradicateIncident(@TargetAggregateIdentifier IncidentId incidentId,
                                Instant eradicatedAt,
                                String summary) {
}
