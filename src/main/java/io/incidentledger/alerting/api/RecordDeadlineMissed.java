package io.incidentledger.alerting.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a deadline on the incident passed with nobody acting. */
public record RecordDeadlineMissed(@TargetAggregateIdentifier IncidentId incidentId, DeadlineKind kind, String subject,
                                   Instant dueAt, int tier) {
}
