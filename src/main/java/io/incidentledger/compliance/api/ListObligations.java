package io.incidentledger.compliance.api;

import java.time.Instant;

/**
 * One page of the reporting obligations across incidents, earliest due first, judged at the time the query is
 * answered, as {@code GET /api/compliance/obligations} gives it. A {@code null} filter matches everything; the
 * period is on the due instant, {@code from} inclusive and {@code to} not. Answered with an
 * {@link ObligationPageView}.
 */
public record ListObligations(Regime regime, ObligationStatus status, Instant from, Instant to, int page, int size) {
}
