package io.incidentledger.compliance.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.incidentledger.compliance.api.ListResponseMetricsSeries.Bucket;
import io.incidentledger.incident.api.Severity;

/**
 * Response metrics over time: one point per period from the first period with an incident to the last, periods
 * without incidents included (with no means), so that the points are evenly spaced in time.
 *
 * @param severity the severity the incidents were limited to, or {@code null} for all
 */
public record ResponseMetricsSeriesView(Bucket bucket, Severity severity, List<Point> points) {

    /**
     * The incidents detected in one period and their mean durations.
     *
     * @param label     {@code 2026-03} for a month, {@code 2026-W09} for an ISO week
     * @param start     the period's first instant
     * @param end       the instant after the period
     * @param incidents how many incidents were detected in the period
     */
    public record Point(String label, Instant start, Instant end, long incidents, Mean timeToDetect,
                        Mean timeToAcknowledge, Mean timeToContain, Mean timeToResolve) {
    }

    /**
     * The mean of the durations of one kind that exist in a period, in seconds to the millisecond (rounded half up,
     * as the metrics API rounds); {@code meanSeconds} is null when {@code count} is 0.
     */
    public record Mean(long count, BigDecimal meanSeconds) {
    }
}
