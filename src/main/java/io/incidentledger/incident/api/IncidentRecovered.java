package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Normal operation was restored as of {@code recoveredAt}. */
@Revision("1")
public record IncidentRecovered(IncidentId incidentId, Instant recoveredAt, String summary) {
}
