package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.Severity;

/**
 * The mean times to detect, acknowledge, contain and resolve over time: one point per UTC calendar month or ISO week
 * of detection, the incidents of all severities together or of one. The figures are those of
 * {@code GET /api/compliance/metrics} (same incidents, same arithmetic; incidents dismissed as false positives left
 * out), with the severity groups taken together. Answered with a {@link ResponseMetricsSeriesView}.
 *
 * @param from     incidents detected at or after this instant, or {@code null}
 * @param to       incidents detected before this instant, or {@code null}
 * @param severity only the incidents of this current severity, or {@code null} for all
 */
public record ListResponseMetricsSeries(Instant from, Instant to, Bucket bucket, Severity severity) {

    /** The length of one point's period: a UTC calendar month, or an ISO week (Monday to Sunday, UTC). */
    public enum Bucket {
        MONTH, WEEK
    }
}
