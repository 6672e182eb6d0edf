package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * Containment step {@code stepId} failed for good after {@code attempts} attempts, or was refused by the
 * receiver; a commander can ask for it to be tried again.
 */
@Revision("1")
public record ContainmentStepFailed(IncidentId incidentId, String stepId, int attempts, String reason) {
}
