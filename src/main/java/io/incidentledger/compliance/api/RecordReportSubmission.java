package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a report submitted to an authority. */
public record RecordReportSubmission(@TargetAggregateIdentifier IncidentId incidentId, Stage stage, Instant submittedAt,
                                     String authorityReference, String reportSha256) {
}
