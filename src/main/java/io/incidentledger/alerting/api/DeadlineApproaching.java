package io.incidentledger.alerting.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** The {@code kind} deadline for {@code subject} falls due at {@code dueAt} and nobody has acted yet. */
@Revision("1")
public record DeadlineApproaching(IncidentId incidentId, DeadlineKind kind, String subject, Instant dueAt) {
}
