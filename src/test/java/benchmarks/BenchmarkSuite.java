package benchmarks;

import java.util.Arrays;
import java.util.List;

import benchmarks.anomaly.AnomalyBenchmark;
import benchmarks.console.ConsoleBoardBenchmark;
import benchmarks.console.ConsoleLiveBenchmark;
import benchmarks.containment.ContainmentBenchmark;
import benchmarks.detection.DetectionBenchmark;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.kafka.KafkaIngestBenchmark;
import benchmarks.ledger.LedgerBenchmark;
import benchmarks.ledger.WitnessingBenchmark;
import benchmarks.storm.DetectionStormBenchmark;
import org.axonframework.messaging.timeout.AxonTaskJanitor;

/**
 * The one benchmark command ({@code ./mvnw -Pbench test-compile exec:java}, see {@code docs/benchmarks.md}): runs
 * the benchmarks named in {@code bench.only} (default {@code incident-lifecycle,ledger}) one after the other, each
 * on its own scratch databases, each writing its own JSON under {@code target/bench/}.
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        List<String> only = Arrays.stream(BenchmarkSettings.string("bench.only", "incident-lifecycle,ledger")
                .split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        for (String name : only) {
            if (!List.of(IncidentLifecycleBenchmark.NAME, LedgerBenchmark.NAME, DetectionBenchmark.NAME,
                    ContainmentBenchmark.NAME, DetectionStormBenchmark.NAME, ConsoleBoardBenchmark.NAME,
                    ConsoleLiveBenchmark.NAME, WitnessingBenchmark.NAME, KafkaIngestBenchmark.NAME,
                    AnomalyBenchmark.NAME).contains(name)) {
                throw new IllegalArgumentException("bench.only: unknown benchmark '" + name + "'; known: "
                        + IncidentLifecycleBenchmark.NAME + ", " + LedgerBenchmark.NAME + ", "
                        + DetectionBenchmark.NAME + ", " + ContainmentBenchmark.NAME + ", "
                        + DetectionStormBenchmark.NAME + ", " + ConsoleBoardBenchmark.NAME + ", "
                        + ConsoleLiveBenchmark.NAME + ", " + WitnessingBenchmark.NAME + ", "
                        + KafkaIngestBenchmark.NAME + ", " + AnomalyBenchmark.NAME);
            }
        }
        long start = System.nanoTime();
        for (String name : only) {
            long begin = System.nanoTime();
            if (name.equals(IncidentLifecycleBenchmark.NAME)) {
                IncidentLifecycleBenchmark.main(args);
            } else if (name.equals(DetectionBenchmark.NAME)) {
                DetectionBenchmark.main(args);
            } else if (name.equals(ContainmentBenchmark.NAME)) {
                ContainmentBenchmark.main(args);
            } else if (name.equals(DetectionStormBenchmark.NAME)) {
                DetectionStormBenchmark.main(args);
            } else if (name.equals(ConsoleBoardBenchmark.NAME)) {
                ConsoleBoardBenchmark.main(args);
            } else if (name.equals(ConsoleLiveBenchmark.NAME)) {
                ConsoleLiveBenchmark.main(args);
            } else if (name.equals(WitnessingBenchmark.NAME)) {
                WitnessingBenchmark.main(args);
            } else if (name.equals(KafkaIngestBenchmark.NAME)) {
                KafkaIngestBenchmark.main(args);
            } else if (name.equals(AnomalyBenchmark.NAME)) {
                AnomalyBenchmark.main(args);
            } else {
                LedgerBenchmark.main(args);
            }
            System.out.printf("benchmark %s took %.0f s%n%n", name, (System.nanoTime() - begin) / 1e9);
        }
        System.out.printf("all benchmarks took %.0f s%n", (System.nanoTime() - start) / 1e9);
        // Axon's handler-timeout janitor is a JVM-wide executor on a non-daemon thread that no context shuts down;
        // exec:java waits for every non-daemon thread, so without this the command would never end
        AxonTaskJanitor.INSTANCE.shutdownNow();
    }
}
