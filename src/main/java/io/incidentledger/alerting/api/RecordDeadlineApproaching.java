package io.incidentledger.alerting.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a deadline on the incident is near. */
public record RecordDeadlineApproaching(@TargetAggregateIdentifier IncidentId incidentId, DeadlineKind kind,
                                        String subject, Instant dueAt) {
}
