package io.incidentledger.compliance.api;

import java.time.Instant;


/** A report submitted to an authority, as recorded on the incident. */
public record SubmissionView(Stage stage, Instant submittedAt, String authorityReference, String reportSha256,
                             Instant recordedAt, String recordedBy) {
}
