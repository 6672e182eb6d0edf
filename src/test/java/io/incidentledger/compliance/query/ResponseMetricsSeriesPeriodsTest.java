package io.incidentledger.compliance.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.incidentledger.compliance.api.ListResponseMetricsSeries.Bucket;
import org.junit.jupiter.api.Test;

/** The periods of the metrics series: UTC calendar months and ISO weeks, labelled as people write them. */
class ResponseMetricsSeriesPeriodsTest {

    private static final Instant NEW_YEARS_EVE = Instant.parse("2026-12-31T23:30:00Z");

    @Test
    void aMonthStartsOnItsFirstDayAtMidnightUtc() {
        Instant start = ResponseMetricsQueries.start(NEW_YEARS_EVE, Bucket.MONTH);

        assertThat(start).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(ResponseMetricsQueries.label(start, Bucket.MONTH)).isEqualTo("2026-12");
        assertThat(ResponseMetricsQueries.next(start, Bucket.MONTH)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void aWeekStartsOnMondayAndIsLabelledWithItsIsoWeekBasedYear() {
        Instant start = ResponseMetricsQueries.start(NEW_YEARS_EVE, Bucket.WEEK);

        assertThat(start).isEqualTo(Instant.parse("2026-12-28T00:00:00Z"));
        assertThat(ResponseMetricsQueries.label(start, Bucket.WEEK)).isEqualTo("2026-W53");
        assertThat(ResponseMetricsQueries.label(Instant.parse("2027-01-04T00:00:00Z"), Bucket.WEEK))
                .isEqualTo("2027-W01");
    }
}
