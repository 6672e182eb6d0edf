package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a deadline on the incident is near. */
public record RecordDeadlineApproaching(@TargetAggregateIdentifier IncidentId incidentId, DeadlineKind kind,
                                        String subject, Instant dueAt) {
}
