package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The cause of the incident was removed as of {@code eradicatedAt}. */
@Revision("1")
public record IncidentEradicated(IncidentId incidentId, Instant eradicatedAt, String summary) {
}
