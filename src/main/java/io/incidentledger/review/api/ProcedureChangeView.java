package io.incidentledger.review.api;

import java.time.Instant;

/** A change made to a playbook or procedure because of the incident. */
public record ProcedureChangeView(String description, String reference, Instant recordedAt, String recordedBy) {
}
