package io.incidentledger.incident.api;

import java.time.Instant;

/** The business times recorded on an incident; a time not (yet) recorded is null. */
public record IncidentTimesView(Instant occurredAt, Instant detectedAt, Instant classifiedAt, Instant containedAt,
                                Instant eradicatedAt, Instant recoveredAt, Instant resolvedAt, Instant closedAt) {
}
