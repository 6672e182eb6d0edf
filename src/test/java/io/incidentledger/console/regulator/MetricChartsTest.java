package io.incidentledger.console.regulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.incidentledger.compliance.api.ListResponseMetricsSeries.Bucket;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView.Mean;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView.Point;
import io.incidentledger.console.regulator.MetricCharts.Chart;
import org.junit.jupiter.api.Test;

/** How a series of means becomes a chart: the scale, the line's breaks and the words for a duration. */
class MetricChartsTest {

    private static final Mean NONE = new Mean(0, null);

    private static Point point(String label, String meanSeconds) {
        Mean mean = meanSeconds == null ? NONE : new Mean(1, new BigDecimal(meanSeconds));
        return new Point(label, Instant.EPOCH, Instant.EPOCH, 1, mean, NONE, NONE, NONE);
    }

    private static Chart detect(Point... points) {
        return MetricCharts.of(new ResponseMetricsSeriesView(Bucket.MONTH, null, List.of(points))).get(0);
    }

    @Test
    void theValueAxisRunsFromZeroInFourRoundStepsInAUnitThatSuitsTheLargestMean() {
        Chart chart = detect(point("2026-01", "3600.000"), point("2026-02", "9000.000"));

        assertThat(chart.unit()).isEqualTo("hours");
        assertThat(chart.ticks()).extracting(MetricCharts.Tick::text).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void theLineBreaksAtAPeriodWithoutAMeanAndThatPeriodHasNoDot() {
        Chart chart = detect(point("2026-01", "60.000"), point("2026-02", null), point("2026-03", "30.000"));

        assertThat(chart.dots()).hasSize(2);
        assertThat(chart.path()).startsWith("M").contains(" M").doesNotContain(" L");
        assertThat(chart.rows()).extracting(MetricCharts.Row::meanSeconds)
                .containsExactly(new BigDecimal("60.000"), null, new BigDecimal("30.000"));
    }

    @Test
    void aDurationIsSaidInTheLargestUnitThatKeepsItAboveTwo() {
        assertThat(MetricCharts.readable(new BigDecimal("90.000"))).isEqualTo("90 s");
        assertThat(MetricCharts.readable(new BigDecimal("1800.000"))).isEqualTo("30 min");
        assertThat(MetricCharts.readable(new BigDecimal("9000.000"))).isEqualTo("2.5 h");
        assertThat(MetricCharts.readable(new BigDecimal("259200.000"))).isEqualTo("3 d");
    }
}
