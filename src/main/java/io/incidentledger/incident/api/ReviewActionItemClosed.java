package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** Review action item {@code itemId} was done, as {@code evidence} shows. */
@Revision("1")
public record ReviewActionItemClosed(IncidentId incidentId, String itemId, String evidence) {
}
