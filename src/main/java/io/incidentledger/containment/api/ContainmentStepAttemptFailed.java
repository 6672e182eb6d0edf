package io.incidentledger.containment.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * Attempt {@code attempt} at containment step {@code stepId} failed for {@code reason}; the next is due at
 * {@code nextAttemptAt}.
 */
@Revision("1")
public record ContainmentStepAttemptFailed(IncidentId incidentId, String stepId, int attempt, String reason,
                                           Instant nextAttemptAt) {
}
