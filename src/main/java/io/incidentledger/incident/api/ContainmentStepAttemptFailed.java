package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * Attempt {@code attempt} at containment step {@code stepId} failed for {@code reason}; the next is due at
 * {@code nextAttemptAt}.
 */
@Revision("1")
public record ContainmentStepAttemptFailed(IncidentId incidentId, String stepId, int attempt, String reason,
                                           Instant nextAttemptAt) {
}
