package io.incidentledger.incident.api;

import java.time.Instant;

/**
 * One line of the incident board.
 *
 * @param commander the incident's commander, or {@code null} while it has none
 * @param version   the sequence number of the last event the register has applied to it
 */
public record BoardItemView(IncidentId incidentId, String title, IncidentStatus status, Severity severity,
                            Category category, IncidentSource source, Instant detectedAt, Instant reportedAt,
                            Instant updatedAt, String commander, long version) {
}
