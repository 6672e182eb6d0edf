package benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Candidate against baseline: each figure is candidate / baseline. A throughput ratio below 1 and latency ratios
 * above 1 are the cost of the candidate's own handling over the baseline's. {@code throughputByRound} gives the
 * throughput ratio of each measured round on its own, and {@code throughputMedianOfRounds} their median, which one
 * disturbed phase (noisy neighbour, checkpoint, GC) moves less than the pooled figure.
 */
public record Comparison(double throughput, double latencyP50, double latencyP99, double latencyMean,
                         double latencyMax, List<Double> throughputByRound, double throughputMedianOfRounds) {

    static Comparison of(WorkloadResult baseline, WorkloadResult candidate) {
        List<Double> byRound = new ArrayList<>();
        for (int i = 0; i < Math.min(baseline.phases().size(), candidate.phases().size()); i++) {
            byRound.add(ratio(candidate.phases().get(i).commandsPerSecond(),
                    baseline.phases().get(i).commandsPerSecond()));
        }
        List<Double> sorted = byRound.stream().sorted().toList();
        double median = sorted.isEmpty() ? Double.NaN : sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : ratio(sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2), 2);
        return new Comparison(ratio(candidate.commandsPerSecond(), baseline.commandsPerSecond()),
                ratio(candidate.latencyMillis().p50(), baseline.latencyMillis().p50()),
                ratio(candidate.latencyMillis().p99(), baseline.latencyMillis().p99()),
                ratio(candidate.latencyMillis().mean(), baseline.latencyMillis().mean()),
                ratio(candidate.latencyMillis().max(), baseline.latencyMillis().max()),
                byRound, median);
    }

    private static double ratio(double candidate, double baseline) {
        return baseline == 0 ? Double.NaN : Math.round(candidate / baseline * 1000.0) / 1000.0;
    }
}
