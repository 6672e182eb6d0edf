package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The incident was contained as of {@code containedAt}. */
@Revision("1")
public record IncidentContained(IncidentId incidentId, Instant containedAt, String summary) {
}
