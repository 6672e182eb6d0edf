package benchmarks.harness;

import java.util.List;

/** All measured phases of one workload, aggregated: throughput is total commands over total measured wall time. */
public record WorkloadResult(String name, String description, int commandsPerUnit, long units, long commands,
                             long failedUnits, String firstError, double elapsedSeconds, double commandsPerSecond,
                             LatencyStats latencyMillis, List<PhaseResult> phases) {
}
