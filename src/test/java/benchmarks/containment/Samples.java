package benchmarks.containment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import benchmarks.harness.LatencyStats;

/** The figures of one probe, by metric, pooled over the measured rounds and per round. */
final class Samples {

    private final Map<String, List<Long>> pooled = new LinkedHashMap<>();
    private final List<Map<String, List<Long>>> rounds = new ArrayList<>();

    void startRound() {
        rounds.add(new LinkedHashMap<>());
    }

    void add(Map<String, Long> unit) {
        unit.forEach((metric, nanos) -> {
            pooled.computeIfAbsent(metric, key -> new ArrayList<>()).add(nanos);
            rounds.get(rounds.size() - 1).computeIfAbsent(metric, key -> new ArrayList<>()).add(nanos);
        });
    }

    int units() {
        return pooled.values().stream().mapToInt(List::size).max().orElse(0);
    }

    LatencyStats stats(String metric) {
        return stats(pooled.getOrDefault(metric, List.of()));
    }

    /** Every metric's distribution, by metric name, in the order the probe first reported them. */
    Map<String, LatencyStats> all() {
        Map<String, LatencyStats> all = new LinkedHashMap<>();
        pooled.forEach((metric, values) -> all.put(metric, stats(values)));
        return all;
    }

    /** One metric's p50 and p99 in each measured round: drift during the run shows here. */
    List<Map<String, Object>> byRound(String metric) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            LatencyStats stats = stats(rounds.get(i).getOrDefault(metric, List.of()));
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("round", i + 1);
            round.put("units", stats.count());
            round.put("p50Millis", stats.p50());
            round.put("p99Millis", stats.p99());
            result.add(round);
        }
        return result;
    }

    private static LatencyStats stats(List<Long> values) {
        return LatencyStats.of(List.of(values.stream().mapToLong(Long::longValue).toArray()));
    }
}
