package io.incidentledger.console.regulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.incidentledger.compliance.api.ListResponseMetricsSeries.Bucket;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView.Mean;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView.Point;

/**
 * The four response-time charts of the metrics page, laid out on the server as SVG coordinates: a line through the
 * means of the periods that have one (broken where a period has none), dots at the means, a value axis from zero
 * in four round steps in a unit that suits the figures, and period labels along the bottom, thinned out when there are
 * many. The same figures go into each chart's table.
 */
public final class MetricCharts {

    static final int WIDTH = 640;
    static final int HEIGHT = 280;
    static final int LEFT = 64;
    static final int RIGHT = 40;
    static final int TOP = 20;
    static final int BOTTOM = 56;
    static final int MOST_LABELS = 8;

    private MetricCharts() {
    }

    static List<Chart> of(ResponseMetricsSeriesView series) {
        String per = series.bucket() == Bucket.WEEK ? "week" : "month";
        return List.of(
                chart("ttd", "MTTD", "Mean time to detect", "from occurrence to detection", per, series,
                        Point::timeToDetect),
                chart("tta", "MTTA", "Mean time to acknowledge", "from report to acknowledgement", per, series,
                        Point::timeToAcknowledge),
                chart("ttc", "MTTC", "Mean time to contain", "from detection to first containment", per, series,
                        Point::timeToContain),
                chart("ttr", "MTTR", "Mean time to resolve", "from detection to resolution", per, series,
                        Point::timeToResolve));
    }

    private static Chart chart(String id, String abbreviation, String name, String measured, String per,
                               ResponseMetricsSeriesView series, Function<Point, Mean> metric) {
        List<Point> points = series.points();
        BigDecimal largest = points.stream().map(metric).map(Mean::meanSeconds).filter(value -> value != null)
                .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        Unit unit = Unit.suiting(largest);
        double step = niceCeiling(unit.of(largest) / 4);
        double top = step * 4;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double value = step * i;
            ticks.add(new Tick(round(TOP + plotHeight - plotHeight * i / 4.0), format(value)));
        }
        int every = Math.max(1, (int) Math.ceil(points.size() / (double) MOST_LABELS));
        List<Label> labels = new ArrayList<>();
        List<Dot> dots = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            String x = round(points.size() == 1 ? LEFT + plotWidth / 2.0
                    : LEFT + plotWidth * i / (double) (points.size() - 1));
            if (i % every == 0 || i == points.size() - 1 && points.size() <= MOST_LABELS) {
                labels.add(new Label(x, point.label()));
            }
            Mean mean = metric.apply(point);
            rows.add(new Row(point.label(), point.incidents(), mean.count(), mean.meanSeconds(),
                    mean.meanSeconds() == null ? null : readable(mean.meanSeconds())));
            if (mean.meanSeconds() == null) {
                drawing = false;
                continue;
            }
            double value = unit.of(mean.meanSeconds());
            String y = round(TOP + plotHeight - (top == 0 ? 0 : plotHeight * value / top));
            path.append(drawing ? " L" : (path.isEmpty() ? "M" : " M")).append(x).append(' ').append(y);
            drawing = true;
            dots.add(new Dot(x, y, point.label() + ": " + readable(mean.meanSeconds()) + " (" + mean.count()
                    + (mean.count() == 1 ? " incident)" : " incidents)")));
        }
        String title = name + " (" + abbreviation + ") per " + per;
        String description = description(name, measured, per, unit, rows);
        return new Chart(id, abbreviation, title, description, unit.label, WIDTH, HEIGHT, LEFT, WIDTH - RIGHT,
                TOP, TOP + plotHeight, ticks, labels, dots, path.toString(), rows);
    }

    private static String description(String name, String measured, String per, Unit unit, List<Row> rows) {
        List<Row> withMeans = rows.stream().filter(row -> row.meanSeconds() != null).toList();
        if (withMeans.isEmpty()) {
            return name + ", " + measured + ": no incident in the period has this figure yet.";
        }
        Row highest = withMeans.stream().max((a, b) -> a.meanSeconds().compareTo(b.meanSeconds())).get();
        Row lowest = withMeans.stream().min((a, b) -> a.meanSeconds().compareTo(b.meanSeconds())).get();
        return name + ", " + measured + ", one point per " + per + " from " + rows.get(0).period() + " to "
                + rows.get(rows.size() - 1).period() + " (" + withMeans.size() + " of " + rows.size()
                + " with a figure); highest " + highest.readable() + " in " + highest.period() + ", lowest "
                + lowest.readable() + " in " + lowest.period() + ". Values in " + unit.label
                + "; the table below gives every figure.";
    }

    /** A duration for people: seconds below two minutes, then minutes, hours, days, with one decimal. */
    static String readable(BigDecimal seconds) {
        Unit unit = Unit.suiting(seconds);
        return format(unit.of(seconds)) + " " + unit.symbol;
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above the value (1 for nothing to show). */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String format(double value) {
        BigDecimal decimal = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
        return decimal.stripTrailingZeros().scale() <= 0 ? decimal.setScale(0, RoundingMode.HALF_UP).toPlainString()
                : decimal.toPlainString();
    }

    private static String round(double coordinate) {
        return String.format(Locale.ROOT, "%.1f", coordinate);
    }

    enum Unit {
        SECONDS(1, "s", "seconds"), MINUTES(60, "min", "minutes"), HOURS(3600, "h", "hours"),
        DAYS(86_400, "d", "days");

        final int seconds;
        final String symbol;
        final String label;

        Unit(int seconds, String symbol, String label) {
            this.seconds = seconds;
            this.symbol = symbol;
            this.label = label;
        }

        double of(BigDecimal value) {
            return value.doubleValue() / seconds;
        }

        static Unit suiting(BigDecimal seconds) {
            double value = seconds.doubleValue();
            return value < 120 ? SECONDS : value < 7_200 ? MINUTES : value < 172_800 ? HOURS : DAYS;
        }
    }

    /** One chart: its geometry (plot from left/top to right/bottom), its axis, its line and dots, and its figures. */
    public record Chart(String id, String abbreviation, String title, String description, String unit, int width,
                 int height, int left, int right, int top, int bottom, List<Tick> ticks, List<Label> labels,
                 List<Dot> dots, String path, List<Row> rows) {

        public String viewBox() {
            return "0 0 " + width + " " + height;
        }
    }

    /** A value on the vertical axis, with its grid line at {@code y}. */
    public record Tick(String y, String text) {
    }

    /** A period's name under the horizontal axis. */
    public record Label(String x, String text) {
    }

    /** A period's mean, drawn at x, y; {@code text} says it in words (the dot's tooltip). */
    public record Dot(String x, String y, String text) {
    }

    /** A period's figures, as the API gives them: the mean in seconds to the millisecond, and in words. */
    public record Row(String period, long incidents, long count, BigDecimal meanSeconds, String readable) {
    }
}
