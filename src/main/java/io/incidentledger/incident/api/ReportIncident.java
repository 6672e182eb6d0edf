package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Report a new incident. {@code occurredAt} may be unknown (null); {@code detectedAt} is when the organisation
 * became aware.
 */
public record ReportIncident(@TargetAggregateIdentifier IncidentId incidentId,
                             String title,
                             String description,
                             Severity severity,
                             Category category,
                             IncidentSource source,
                             Instant occurredAt,
                             Instant detectedAt) {
}
