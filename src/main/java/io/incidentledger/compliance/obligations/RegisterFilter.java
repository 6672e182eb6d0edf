package io.incidentledger.compliance.obligations;

import java.time.Instant;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.Severity;

/** Which register entries to list; {@code null} matches everything. {@code from} is inclusive, {@code to} not. */
public record RegisterFilter(IncidentStatus status, Severity severity, Category category, Instant from, Instant to) {
}
