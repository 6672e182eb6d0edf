package benchmarks.harness;

/**
 * One measured run of one workload: {@code order} is its position within its round (0 = ran first), {@code
 * drainMillis} the time spent afterwards waiting for the application to become idle again (not part of the
 * measurement).
 */
public record PhaseResult(int round, int order, long units, long commands, long failedUnits, double elapsedSeconds,
                          double commandsPerSecond, double p50Millis, double p99Millis, long drainMillis) {
}
