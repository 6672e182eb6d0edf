package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * A report for {@code stage} was submitted to the authority at {@code submittedAt}; {@code authorityReference} is the
 * authority's own reference, {@code reportSha256} (hex, optional) pins the report's content.
 */
@Revision("1")
public record RegulatoryReportSubmitted(IncidentId incidentId, Stage stage, Instant submittedAt,
                                        String authorityReference, String reportSha256) {
}
