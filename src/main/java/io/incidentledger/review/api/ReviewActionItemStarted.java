package io.incidentledger.review.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** Work on review action item {@code itemId} started. */
@Revision("1")
public record ReviewActionItemStarted(IncidentId incidentId, String itemId) {
}
