package io.incidentledger.compliance.access.api;

import java.time.Instant;

/**
 * One page of the access log, newest read first, as {@code GET /api/compliance/access-log} gives it. A {@code null}
 * filter matches everything; {@code from} is inclusive and {@code to} not. Answered with an {@link AccessLogPage}.
 *
 * @param incidentId the incident's id in its canonical form, or {@code null} for every incident
 * @param reader     the reader's name exactly, or {@code null} for everyone
 */
public record ListIncidentReads(String incidentId, String reader, Instant from, Instant to, int page, int size) {
}
