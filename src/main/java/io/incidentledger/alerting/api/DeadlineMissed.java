package io.incidentledger.alerting.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * The {@code kind} deadline for {@code subject} passed at {@code dueAt} with nobody acting; the incident was
 * escalated to notification tier {@code tier} ({@code 1} is the first escalation).
 */
@Revision("1")
public record DeadlineMissed(IncidentId incidentId, DeadlineKind kind, String subject, Instant dueAt, int tier) {
}
