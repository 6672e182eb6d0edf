package io.incidentledger.review.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** Review action item {@code itemId} was done, as {@code evidence} shows. */
@Revision("1")
public record ReviewActionItemClosed(IncidentId incidentId, String itemId, String evidence) {
}
