package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The incident was resolved as of {@code resolvedAt}. */
@Revision("1")
public record IncidentResolved(IncidentId incidentId, String summary, Instant resolvedAt) {
}
