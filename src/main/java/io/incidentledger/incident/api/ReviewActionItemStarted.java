package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** Work on review action item {@code itemId} started. */
@Revision("1")
public record ReviewActionItemStarted(IncidentId incidentId, String itemId) {
}
