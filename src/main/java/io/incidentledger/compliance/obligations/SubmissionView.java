package io.incidentledger.compliance.obligations;

import java.time.Instant;

import io.incidentledger.compliance.api.Stage;

/** A report submitted to an authority, as recorded on the incident. */
public record SubmissionView(Stage stage, Instant submittedAt, String authorityReference, String reportSha256,
                             Instant recordedAt, String recordedBy) {
}
