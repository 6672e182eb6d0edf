package io.incidentledger.compliance.query;

import static io.incidentledger.common.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

import io.incidentledger.compliance.api.ListResponseMetricsSeries;
import io.incidentledger.compliance.api.ListResponseMetricsSeries.Bucket;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView.Mean;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView.Point;
import io.incidentledger.compliance.query.ResponseMetrics.DurationStatistics;
import io.incidentledger.compliance.query.ResponseMetrics.Group;
import io.incidentledger.compliance.query.ResponseMetrics.IncidentTimes;
import io.incidentledger.compliance.query.ResponseMetrics.Period;
import io.incidentledger.compliance.query.ResponseMetrics.SeverityBasis;
import io.incidentledger.incident.api.Severity;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Response metrics over the incidents detected in a window, from the {@code compliance-metrics} projection's table.
 * Incidents dismissed as false positives are left out: they were never incidents to respond to.
 */
@Component
public class ResponseMetricsQueries {

    /** Enough for twenty years of months or four and a half of weeks; a longer series is cut at its end. */
    static final int MAX_POINTS = 240;

    private final JdbcTemplate jdbc;

    public ResponseMetricsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param from incidents detected at or after this instant, or null for no lower bound
     * @param to   incidents detected before this instant, or null for no upper bound
     */
    public List<Group> metrics(Instant from, Instant to, Period period, SeverityBasis basis) {
        return ResponseMetrics.compute(incidents(from, to), period, basis);
    }

    /**
     * The means per month or week of detection, all severities together or one: the same incidents and the same
     * arithmetic as {@link #metrics}, so that a point's mean is the mean of the API's groups of that month weighted
     * by their counts. Periods without incidents between the first and the last are points without means.
     */
    @QueryHandler
    ResponseMetricsSeriesView handle(ListResponseMetricsSeries query) {
        Bucket bucket = query.bucket() == null ? Bucket.MONTH : query.bucket();
        TreeMap<Instant, List<IncidentTimes>> byPeriod = new TreeMap<>();
        for (IncidentTimes incident : incidents(query.from(), query.to())) {
            if (query.severity() == null || query.severity() == incident.severity()) {
                byPeriod.computeIfAbsent(start(incident.detectedAt(), bucket), key -> new ArrayList<>()).add(incident);
            }
        }
        List<Point> points = new ArrayList<>();
        if (!byPeriod.isEmpty()) {
            Instant last = byPeriod.lastKey();
            for (Instant start = byPeriod.firstKey();
                 !start.isAfter(last) && points.size() < MAX_POINTS; start = next(start, bucket)) {
                List<IncidentTimes> members = byPeriod.getOrDefault(start, List.of());
                points.add(new Point(label(start, bucket), start, next(start, bucket), members.size(),
                        mean(members, times -> between(times.occurredAt(), times.detectedAt())),
                        mean(members, times -> between(times.reportedAt(), times.acknowledgedAt())),
                        mean(members, times -> between(times.detectedAt(), times.containedAt())),
                        mean(members, times -> between(times.detectedAt(), times.resolvedAt()))));
            }
        }
        return new ResponseMetricsSeriesView(bucket, query.severity(), points);
    }

    private static Mean mean(List<IncidentTimes> members, Function<IncidentTimes, Duration> duration) {
        DurationStatistics statistics = ResponseMetrics.statistics(members, duration);
        return new Mean(statistics.count(), statistics.meanSeconds());
    }

    private static Duration between(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end);
    }

    static Instant start(Instant instant, Bucket bucket) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate first = bucket == Bucket.WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : day.withDayOfMonth(1);
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Instant next(Instant start, Bucket bucket) {
        LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
        return (bucket == Bucket.WEEK ? day.plusWeeks(1) : day.plusMonths(1)).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    static String label(Instant start, Bucket bucket) {
        LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
        return bucket == Bucket.WEEK
                ? "%d-W%02d".formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
                : "%d-%02d".formatted(day.getYear(), day.getMonthValue());
    }

    private List<IncidentTimes> incidents(Instant from, Instant to) {
        List<String> conditions = new ArrayList<>(List.of("dismissed = FALSE"));
        List<Object> arguments = new ArrayList<>();
        if (from != null) {
            conditions.add("detected_at >= ?");
            arguments.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            conditions.add("detected_at < ?");
            arguments.add(to.atOffset(ZoneOffset.UTC));
        }
        return jdbc.query("SELECT * FROM compliance_incident_metrics WHERE "
                        + String.join(" AND ", conditions) + " ORDER BY detected_at, incident_id",
                (row, index) -> times(row), arguments.toArray());
    }

    private static IncidentTimes times(ResultSet row) throws SQLException {
        return new IncidentTimes(row.getString("incident_id"), Severity.valueOf(row.getString("severity")),
                Severity.valueOf(row.getString("highest_severity")), instant(row, "occurred_at"),
                instant(row, "detected_at"), instant(row, "reported_at"), instant(row, "acknowledged_at"),
                instant(row, "contained_at"), instant(row, "resolved_at"));
    }
}
