package io.incidentledger.compliance.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.incidentledger.compliance.query.ResponseMetrics.DurationStatistics;
import io.incidentledger.compliance.query.ResponseMetrics.Group;
import io.incidentledger.compliance.query.ResponseMetrics.IncidentTimes;
import io.incidentledger.compliance.query.ResponseMetrics.Period;
import io.incidentledger.compliance.query.ResponseMetrics.SeverityBasis;
import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.Test;

/** The metrics arithmetic on small sets worked out by hand, and the nearest-rank percentile. */
class ResponseMetricsTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");

    /** detected one hour after it occurred, acknowledged 2 min after the report, contained 30 min, resolved 4 h. */
    private static final IncidentTimes A = new IncidentTimes("a", Severity.HIGH, Severity.HIGH, T0,
            T0.plusSeconds(3600), T0.plusSeconds(3601), T0.plusSeconds(3721), T0.plusSeconds(5400),
            T0.plusSeconds(18000));
    /** occurrence unknown, acknowledged after 10 min, contained after 10 min, not resolved. */
    private static final IncidentTimes B = new IncidentTimes("b", Severity.HIGH, Severity.HIGH, null,
            T0.plusSeconds(86400), T0.plusSeconds(86400), T0.plusSeconds(87000), T0.plusSeconds(87000), null);
    /** detected 20 min after it occurred, never acknowledged, contained after 3 h, resolved after 2 days. */
    private static final IncidentTimes C = new IncidentTimes("c", Severity.HIGH, Severity.HIGH, T0.plusSeconds(172800),
            T0.plusSeconds(174000), T0.plusSeconds(174000), null, T0.plusSeconds(184800), T0.plusSeconds(346800));
    /** now MEDIUM, once CRITICAL, detected in February two hours after it occurred. */
    private static final IncidentTimes D = new IncidentTimes("d", Severity.MEDIUM, Severity.CRITICAL,
            Instant.parse("2026-02-02T22:00:00Z"), Instant.parse("2026-02-03T00:00:00Z"),
            Instant.parse("2026-02-03T00:00:00.250Z"), null, null, null);

    @Test
    void meanMedianAndP90PerSeverityAreWhatTheyAreByHand() {
        List<Group> groups = ResponseMetrics.compute(List.of(A, B, C, D), Period.ALL, SeverityBasis.CURRENT);

        assertThat(groups).extracting(Group::severity).containsExactly(Severity.HIGH, Severity.MEDIUM);
        Group high = groups.get(0);
        assertThat(high.period()).isNull();
        assertThat(high.incidents()).isEqualTo(3);
        // detect: 3600, 1200 (B's occurrence is unknown) -> mean 2400, median rank ceil(1) = 1200, p90 rank 2 = 3600
        assertStatistics(high.timeToDetect(), 2, "2400", "1200", "3600");
        // acknowledge: 120, 600 -> mean 360, median 120, p90 600
        assertStatistics(high.timeToAcknowledge(), 2, "360", "120", "600");
        // contain: 1800, 600, 10800 -> mean 4400, median rank 2 of (600, 1800, 10800) = 1800, p90 rank 3 = 10800
        assertStatistics(high.timeToContain(), 3, "4400", "1800", "10800");
        // resolve: 14400, 172800 -> mean 93600, median 14400, p90 172800
        assertStatistics(high.timeToResolve(), 2, "93600", "14400", "172800");

        Group medium = groups.get(1);
        assertStatistics(medium.timeToDetect(), 1, "7200", "7200", "7200");
        assertStatistics(medium.timeToAcknowledge(), 0, null, null, null);
    }

    @Test
    void acknowledgementIsMeasuredToTheMillisecond() {
        IncidentTimes acknowledged = new IncidentTimes("d", D.severity(), D.highestSeverity(), D.occurredAt(),
                D.detectedAt(), D.reportedAt(), Instant.parse("2026-02-03T00:01:00Z"), null, null);

        Group medium = ResponseMetrics.compute(List.of(acknowledged), Period.ALL, SeverityBasis.CURRENT).get(0);

        assertStatistics(medium.timeToAcknowledge(), 1, "59.750", "59.750", "59.750");
    }

    @Test
    void byHighestSeverityAnIncidentCountsUnderTheWorstItEverWas() {
        List<Group> groups = ResponseMetrics.compute(List.of(A, D), Period.ALL, SeverityBasis.HIGHEST);

        assertThat(groups).extracting(Group::severity).containsExactly(Severity.CRITICAL, Severity.HIGH);
        assertThat(groups.get(0).incidents()).isEqualTo(1);
    }

    @Test
    void byMonthEachUtcCalendarMonthOfDetectionIsItsOwnPeriod() {
        List<Group> groups = ResponseMetrics.compute(List.of(D, A, B, C), Period.MONTH, SeverityBasis.CURRENT);

        assertThat(groups).extracting(Group::period, Group::severity, Group::incidents).containsExactly(
                tuple("2026-01", Severity.HIGH, 3L),
                tuple("2026-02", Severity.MEDIUM, 1L));
    }

    @Test
    void theNearestRankPercentileIsTheValueAtRankCeilingOfPTimesN() {
        List<Long> ten = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        List<Long> eleven = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);

        assertThat(ResponseMetrics.nearestRank(ten, 50)).isEqualTo(5);
        assertThat(ResponseMetrics.nearestRank(ten, 90)).isEqualTo(9);
        assertThat(ResponseMetrics.nearestRank(eleven, 50)).isEqualTo(6);
        // ceil(0.9 * 11) = 10
        assertThat(ResponseMetrics.nearestRank(eleven, 90)).isEqualTo(10);
        assertThat(ResponseMetrics.nearestRank(List.of(42L), 90)).isEqualTo(42);
    }

    @Test
    void noIncidentsGiveNoGroups() {
        assertThat(ResponseMetrics.compute(List.of(), Period.MONTH, SeverityBasis.CURRENT)).isEmpty();
    }

    private static void assertStatistics(DurationStatistics statistics, long count, String mean, String median,
                                         String p90) {
        assertThat(statistics.count()).isEqualTo(count);
        assertDecimal(statistics.meanSeconds(), mean);
        assertDecimal(statistics.medianSeconds(), median);
        assertDecimal(statistics.p90Seconds(), p90);
    }

    private static void assertDecimal(BigDecimal actual, String expected) {
        if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).isEqualByComparingTo(expected);
        }
    }
}
