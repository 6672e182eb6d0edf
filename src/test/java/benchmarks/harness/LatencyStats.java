package benchmarks.harness;

import java.util.Arrays;
import java.util.Collection;

/** Latency distribution of a set of commands, in milliseconds; percentiles by the nearest-rank method. */
public record LatencyStats(long count, double mean, double p50, double p90, double p99, double p999, double max) {

    public static LatencyStats of(Collection<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencyStats(all.length, millis(Arrays.stream(all).average().orElse(0)),
                millis(percentile(all, 50)), millis(percentile(all, 90)), millis(percentile(all, 99)),
                millis(percentile(all, 99.9)), millis(all[all.length - 1]));
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0; // microsecond resolution
    }
}
