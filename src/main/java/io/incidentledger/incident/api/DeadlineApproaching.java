package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The {@code kind} deadline for {@code subject} falls due at {@code dueAt} and nobody has acted yet. */
@Revision("1")
public record DeadlineApproaching(IncidentId incidentId, DeadlineKind kind, String subject, Instant dueAt) {
}
