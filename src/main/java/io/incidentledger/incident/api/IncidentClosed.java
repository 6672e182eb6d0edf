package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The incident was closed as of {@code closedAt}. */
@Revision("1")
public record IncidentClosed(IncidentId incidentId, Instant closedAt) {
}
