package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** An incident was reported, with when it occurred (if known) and when the organisation became aware of it. */
@Revision("1")
public record IncidentReported(IncidentId incidentId,
                               String title,
                               String description,
                               Severity severity,
                               Category category,
                               IncidentSource source,
                               Instant occurredAt,
                               Instant detectedAt) {
}
