package io.incidentledger.compliance.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.incidentledger.incident.api.Severity;

/**
 * Time to detect, acknowledge, contain and resolve, per severity and period, from the instants the incidents'
 * events recorded (docs/compliance.md, "Metrics"). Plain arithmetic on its input: the same incidents always give
 * the same numbers.
 *
 * <ul>
 *   <li>detect = detectedAt − occurredAt, for incidents whose occurrence is known;</li>
 *   <li>acknowledge = acknowledged (event timestamp) − reported (event timestamp);</li>
 *   <li>contain = first containedAt − detectedAt;</li>
 *   <li>resolve = resolvedAt (of the resolution that stands) − detectedAt.</li>
 * </ul>
 * Percentiles are nearest-rank: the p-th percentile of n sorted values is the value at rank ⌈p/100 · n⌉ (1-based);
 * the median is the 50th percentile, so of an even count it is the lower of the two middle values.
 */
public final class ResponseMetrics {

    public static final String PERCENTILE_METHOD = "nearest-rank";

    private ResponseMetrics() {
    }

    /** How incidents are grouped by time: all in one, or by the UTC calendar month of their detection. */
    public enum Period {
        ALL, MONTH
    }

    /** Which severity an incident is counted under: its current one, or the highest it reached. */
    public enum SeverityBasis {
        CURRENT, HIGHEST
    }

    /** The instants of one incident that the metrics are computed from; any but detected and reported may be null. */
    public record IncidentTimes(String incidentId, Severity severity, Severity highestSeverity, Instant occurredAt,
                                Instant detectedAt, Instant reportedAt, Instant acknowledgedAt, Instant containedAt,
                                Instant resolvedAt) {
    }

    /**
     * Statistics over the durations of one kind in a group, in seconds to the millisecond; all null when
     * {@code count} is 0.
     */
    public record DurationStatistics(long count, BigDecimal meanSeconds, BigDecimal medianSeconds,
                                     BigDecimal p90Seconds) {
    }

    /** The metrics of the incidents of one severity detected in one period ({@code period} null for ALL). */
    public record Group(String period, Severity severity, long incidents, DurationStatistics timeToDetect,
                        DurationStatistics timeToAcknowledge, DurationStatistics timeToContain,
                        DurationStatistics timeToResolve) {
    }

    /** Groups sorted by period, then severity from CRITICAL down; only groups with incidents are listed. */
    public static List<Group> compute(List<IncidentTimes> incidents, Period period, SeverityBasis basis) {
        Comparator<Severity> mostSevereFirst = Comparator.reverseOrder();
        Map<String, Map<Severity, List<IncidentTimes>>> grouped = new TreeMap<>(
                Comparator.nullsFirst(Comparator.naturalOrder()));
        for (IncidentTimes incident : incidents) {
            String label = period == Period.MONTH
                    ? YearMonth.from(incident.detectedAt().atZone(ZoneOffset.UTC)).toString() : null;
            Severity severity = basis == SeverityBasis.HIGHEST ? incident.highestSeverity() : incident.severity();
            grouped.computeIfAbsent(label, key -> new TreeMap<>(mostSevereFirst))
                    .computeIfAbsent(severity, key -> new ArrayList<>()).add(incident);
        }
        List<Group> groups = new ArrayList<>();
        grouped.forEach((label, bySeverity) -> bySeverity.forEach((severity, members) -> groups.add(new Group(label,
                severity, members.size(),
                statistics(members, times -> between(times.occurredAt(), times.detectedAt())),
                statistics(members, times -> between(times.reportedAt(), times.acknowledgedAt())),
                statistics(members, times -> between(times.detectedAt(), times.containedAt())),
                statistics(members, times -> between(times.detectedAt(), times.resolvedAt()))))));
        return groups;
    }

    /** Mean, nearest-rank median and 90th percentile of the durations that exist. */
    static DurationStatistics statistics(List<IncidentTimes> incidents, Function<IncidentTimes, Duration> duration) {
        List<Long> millis = incidents.stream().map(duration).filter(value -> value != null)
                .map(Duration::toMillis).sorted().toList();
        if (millis.isEmpty()) {
            return new DurationStatistics(0, null, null, null);
        }
        long total = millis.stream().mapToLong(Long::longValue).sum();
        BigDecimal mean = BigDecimal.valueOf(total).divide(BigDecimal.valueOf(millis.size() * 1000L), 3,
                RoundingMode.HALF_UP);
        return new DurationStatistics(millis.size(), mean, seconds(nearestRank(millis, 50)),
                seconds(nearestRank(millis, 90)));
    }

    /** The value at rank ⌈p/100 · n⌉ of the sorted values. */
    static long nearestRank(List<Long> sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    private static Duration between(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end);
    }
}
