package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a deadline on the incident passed with nobody acting. */
public record RecordDeadlineMissed(@TargetAggregateIdentifier IncidentId incidentId, DeadlineKind kind, String subject,
                                   Instant dueAt, int tier) {
}
