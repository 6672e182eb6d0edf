package io.incidentledger.incident.api;

import java.time.Instant;

/** One line of the incident register. */
public record IncidentSummaryView(IncidentId incidentId, String title, IncidentStatus status, Severity severity,
                                  Category category, IncidentSource source, Instant detectedAt, Instant reportedAt,
                                  Instant updatedAt) {
}
