package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.Severity;

/**
 * One page of the compliance register, most recently detected first, as {@code GET /api/compliance/register} gives
 * it. A {@code null} filter matches everything; {@code from} is inclusive and {@code to} not (on the detection time).
 * Answered with a {@link RegisterPageView}.
 */
public record ListComplianceRegister(IncidentStatus status, Severity severity, Category category, Instant from,
                                     Instant to, int page, int size) {
}
