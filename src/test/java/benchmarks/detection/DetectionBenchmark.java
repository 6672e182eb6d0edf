package benchmarks.detection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkRunner;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.ScratchDatabase;
import benchmarks.harness.WorkloadResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incidentledger.security.ApiTokenAuthenticator;
import org.springframework.boot.SpringBootVersion;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Benchmark: transactions evaluated per second through {@code POST /api/transactions} (JSON-array batches over
 * HTTP, {@code bench.threads} clients, each request signed in with an API token of the DETECTOR role that the
 * benchmark creates on each instance through the API), with all transaction rules on (candidate), against the same
 * batches on a
 * second instance with {@code incident-ledger.detection.rules.enabled=false} (baseline: parse and validate only),
 * both in this JVM on their own scratch databases; then detection-to-incident latency through
 * {@code POST /api/detections} on the rules-on instance. Writes {@code target/bench/detection.json}; see
 * {@code docs/benchmarks.md}, "The detection-ingest benchmark".
 */
public final class DetectionBenchmark {

    public static final String NAME = "detection";

    private DetectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        int threads = BenchmarkSettings.integer("bench.threads", 4);
        int batchSize = BenchmarkSettings.integer("bench.detection.batch-size", 1000);
        int warmupBatches = BenchmarkSettings.integer("bench.detection.warmup-batches", 400);
        int measuredBatches = BenchmarkSettings.integer("bench.detection.batches", 800);
        int rounds = BenchmarkSettings.integer("bench.rounds", 4);
        int envelopes = BenchmarkSettings.integer("bench.detection.envelopes", 200);
        long idleTimeoutMillis = BenchmarkSettings.integer("bench.idle-timeout-ms", 120_000);
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));
        BenchmarkRunner.Settings settings = new BenchmarkRunner.Settings(threads, warmupBatches, measuredBatches,
                rounds);

        long generateStart = System.nanoTime();
        List<byte[]> batches = TransactionBatches.generate(warmupBatches + measuredBatches, batchSize, 42);
        long bytes = batches.stream().mapToLong(batch -> batch.length).sum();
        System.out.printf("benchmark %s: %d batches of %d transactions (%.1f MB, %.0f bytes per transaction)"
                        + " generated in %.1f s; %d threads, %d warm-up + %d measured batches per instance in %d"
                        + " rounds%n", NAME, batches.size(), batchSize, bytes / 1e6, (double) bytes / batches.size()
                        / batchSize, (System.nanoTime() - generateStart) / 1e9, threads, warmupBatches,
                measuredBatches, rounds);

        try (ScratchDatabase onDatabase = ScratchDatabase.create("incident_ledger_bench_detect_on");
             ScratchDatabase offDatabase = ScratchDatabase.create("incident_ledger_bench_detect_off");
             DetectionApplication rulesOn = DetectionApplication.start(onDatabase,
                     TransactionBatches.rulesArguments(true));
             DetectionApplication rulesOff = DetectionApplication.start(offDatabase,
                     TransactionBatches.rulesArguments(false))) {
            String rulesOnToken = rulesOn.createApiToken("bench-detector", "DETECTOR");
            String rulesOffToken = rulesOff.createApiToken("bench-detector", "DETECTOR");
            TransactionBatchWorkload baseline = new TransactionBatchWorkload("rules-off",
                    "one batch to an instance with incident-ledger.detection.rules.enabled=false (parse, validate)",
                    rulesOff.port(), rulesOffToken, batches, batchSize);
            TransactionBatchWorkload candidate = new TransactionBatchWorkload("rules-on",
                    "one batch to an instance with all five transaction rules on; hits correlated into incidents",
                    rulesOn.port(), rulesOnToken, batches, batchSize);
            BenchmarkRunner runner = new BenchmarkRunner(settings, () -> {
                rulesOn.awaitProcessorsCaughtUp(idleTimeoutMillis);
                rulesOff.awaitProcessorsCaughtUp(idleTimeoutMillis);
            }, System.out);
            BenchmarkRunner.Outcome outcome = runner.compare(baseline, candidate);

            Map<String, Object> authentication = new LinkedHashMap<>();
            authentication.put("used", "API token (Authorization: Bearer ilt_…), role DETECTOR");
            authentication.put("apiToken", apiTokenCost(rulesOn, rulesOnToken));
            authentication.put("basic", bcryptCost(rulesOn));
            System.out.println("  measuring detection-to-incident latency (" + envelopes + " envelopes)");
            Map<String, Object> latency = DetectionToIncidentLatency.measure(rulesOn, rulesOnToken, 20, envelopes);

            Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
            environment.put("springBootVersion", SpringBootVersion.getVersion());
            environment.put("database", Map.of("product", "PostgreSQL", "serverVersion", onDatabase.serverVersion(),
                    "poolSize", rulesOn.context().getEnvironment()
                            .getProperty("spring.datasource.hikari.maximum-pool-size", "default")));

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("benchmark", NAME);
            report.put("description", "Transactions per second through POST /api/transactions (JSON array batches,"
                    + " API token as Bearer, one node): rules-on (candidate) vs the same batches with every rule switched off"
                    + " (baseline, parse and validate only). One 'command' is one batch; latencies are per batch in"
                    + " milliseconds. Then detection-to-incident latency via POST /api/detections.");
            report.put("timestamp", Instant.now().toString());
            report.put("environment", environment);
            Map<String, Object> settingsMap = new LinkedHashMap<>();
            settingsMap.put("threads", threads);
            settingsMap.put("batchSize", batchSize);
            settingsMap.put("warmupBatches", warmupBatches);
            settingsMap.put("measuredBatches", measuredBatches);
            settingsMap.put("rounds", rounds);
            settingsMap.put("bytesPerTransaction", Math.round((double) bytes / batches.size() / batchSize));
            settingsMap.put("rulesArguments", TransactionBatches.rulesArguments(true));
            report.put("settings", settingsMap);
            report.put("baseline", side(outcome.baseline(), batchSize, baseline.counts()));
            report.put("candidate", side(outcome.candidate(), batchSize, candidate.counts()));
            report.put("ratio", outcome.ratio());
            report.put("target", Map.of("transactionsPerSecond", 45_000,
                    "reachedWithRulesOn", outcome.candidate().commandsPerSecond() * batchSize >= 45_000));
            report.put("authentication", authentication);
            report.put("detectionToIncident", latency);
            Files.createDirectories(output);
            Path file = output.resolve(NAME + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);

            System.out.println();
            for (WorkloadResult result : List.of(outcome.baseline(), outcome.candidate())) {
                System.out.printf("%-10s %10.0f tx/s  batch p50 %8.2f ms  p99 %8.2f ms  failed %d%n",
                        result.name(), result.commandsPerSecond() * batchSize, result.latencyMillis().p50(),
                        result.latencyMillis().p99(), result.failedUnits());
            }
            System.out.printf("rules-on / rules-off throughput %.3f (by round %s, median %.3f)%n",
                    outcome.ratio().throughput(), outcome.ratio().throughputByRound(),
                    outcome.ratio().throughputMedianOfRounds());
            System.out.println("rules-on counts " + candidate.counts());
            System.out.println("authentication " + authentication);
            System.out.println("detection-to-incident " + latency);
            System.out.println("written " + file.toAbsolutePath());
        }
    }

    private static Map<String, Object> side(WorkloadResult result, int batchSize, Map<String, Object> counts) {
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("transactionsPerSecond", Math.round(result.commandsPerSecond() * batchSize * 10) / 10.0);
        side.put("batchesPerSecond", result.commandsPerSecond());
        side.put("batchLatencyMillis", result.latencyMillis());
        side.put("counts", counts);
        side.put("result", result);
        return side;
    }

    /**
     * What checking one API token costs the server: {@link ApiTokenAuthenticator#authenticate} (parse, look-up,
     * HMAC-SHA-256, constant-time compare, expiry), timed in this JVM.
     */
    private static Map<String, Object> apiTokenCost(DetectionApplication application, String authorization) {
        ApiTokenAuthenticator tokens = application.context().getBean(ApiTokenAuthenticator.class);
        String token = authorization.substring("Bearer ".length());
        for (int i = 0; i < 200_000; i++) {
            tokens.authenticate(token);
        }
        int checks = 1_000_000;
        long begin = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            tokens.authenticate(token);
        }
        double micros = (System.nanoTime() - begin) / 1e3 / checks;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("checkMicrosMean", Math.round(micros * 100) / 100.0);
        result.put("checkMillisMean", Math.round(micros / 1e3 * 1e5) / 1e5);
        result.put("note", "one check per request, " + checks + " checks on an otherwise idle server; this is what"
                + " the measured requests paid");
        return result;
    }

    /**
     * What one HTTP Basic login would cost the server: the demo user's bcrypt check, timed in this JVM, for
     * comparison (the measured requests use an API token).
     */
    private static Map<String, Object> bcryptCost(DetectionApplication application) {
        PasswordEncoder encoder = application.context().getBean(PasswordEncoder.class);
        String hash = application.context().getBean(UserDetailsService.class).loadUserByUsername("detector")
                .getPassword();
        for (int i = 0; i < 5; i++) {
            encoder.matches("detector", hash);
        }
        int checks = 20;
        long begin = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            encoder.matches("detector", hash);
        }
        double millis = (System.nanoTime() - begin) / 1e6 / checks;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("passwordHashPrefix", hash.substring(0, Math.min(hash.length(), 14)));
        result.put("checkMillisMean", Math.round(millis * 100) / 100.0);
        result.put("note", "one check per request with stateless HTTP Basic, on an otherwise idle server; not used by"
                + " the measured requests, for comparison");
        return result;
    }
}
