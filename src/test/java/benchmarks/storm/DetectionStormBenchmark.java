package benchmarks.storm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import benchmarks.detection.DetectionApplication;
import benchmarks.harness.AutovacuumStandIn;
import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.LatencyStats;
import benchmarks.harness.ScratchDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.boot.SpringBootVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Benchmark: an alert storm on one subject, {@code bench.storm.detections} detections (default 10,000) through
 * {@code POST /api/detections}, all joining one incident. The question is whether a detection's cost grows with the
 * incident's length: the latencies of the last {@code bench.storm.window} detections (default 1,000) are compared
 * with those of the first, on the application as shipped (incident snapshots and cache on). The same storm then runs
 * on a second instance with both switched off ({@code bench.storm.baseline-detections}), where every command
 * replays the whole incident. Writes {@code target/bench/detection-storm.json}; see {@code docs/benchmarks.md}.
 */
public final class DetectionStormBenchmark {

    public static final String NAME = "detection-storm";

    private static final String USER = "storm-detector";

    private DetectionStormBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        int detections = BenchmarkSettings.integer("bench.storm.detections", 10_000);
        int baselineDetections = BenchmarkSettings.integer("bench.storm.baseline-detections", 3_000);
        int window = BenchmarkSettings.integer("bench.storm.window", 1_000);
        int warmup = BenchmarkSettings.integer("bench.storm.warmup", 2_000);
        int bcryptCost = BenchmarkSettings.integer("bench.storm.bcrypt-cost", 4);
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));
        System.out.printf("benchmark %s: %d detections on one subject (windows of %d, %d warm-up), then %d with"
                        + " incident snapshots and cache off%n", NAME, detections, window, warmup,
                baselineDetections);

        // a user of its own, with a cheap hash: the demo users' bcrypt (cost 10, ~55 ms a request) would hide the
        // server's own part, which is what grows or not
        String password = UUID.randomUUID().toString();
        List<String> user = List.of(
                "--incident-ledger.security.users[0].name=" + USER,
                "--incident-ledger.security.users[0].password-hash={bcrypt}"
                        + new BCryptPasswordEncoder(bcryptCost).encode(password),
                "--incident-ledger.security.users[0].roles[0]=DETECTOR",
                "--incident-ledger.security.users[0].type=SERVICE");
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", NAME);
        report.put("description", "Detections of one alert on one subject through POST /api/detections, one at a"
                + " time, all joining one incident; round-trip latency per detection in milliseconds. candidate:"
                + " as shipped (incident snapshots and cache); baseline: both off (every command replays the"
                + " incident). lastOverFirst compares the last window of a storm with its first.");
        report.put("timestamp", Instant.now().toString());
        Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
        environment.put("springBootVersion", SpringBootVersion.getVersion());
        report.put("environment", environment);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("detections", detections);
        settings.put("baselineDetections", baselineDetections);
        settings.put("window", window);
        settings.put("warmupDetections", warmup);
        settings.put("bcryptCost", bcryptCost);
        report.put("settings", settings);

        Map<String, Object> candidate = storm("as-shipped", List.of(), user, authorization, warmup, detections,
                window, environment);
        report.put("candidate", candidate);
        write(output, report);
        if (baselineDetections > 0) {
            report.put("baseline", storm("no-snapshots-no-cache", List.of(
                    "--incident-ledger.incidents.snapshot-threshold=0", "--incident-ledger.incidents.cache-size=0"),
                    user, authorization, warmup, baselineDetections, window, environment));
        }
        Map<String, Object> target = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Double> growth = (Map<String, Double>) ((Map<String, Object>) candidate.get("latencyMillis"))
                .get("lastOverFirst");
        target.put("maxLastOverFirst", 1.2);
        target.put("met", growth.get("p50") <= 1.2 && growth.get("p99") <= 1.2);
        report.put("target", target);
        Path file = write(output, report);
        System.out.println("written " + file.toAbsolutePath());
    }

    /** One instance on a scratch database: a warm-up storm on another subject, then the measured storm. */
    private static Map<String, Object> storm(String name, List<String> settings, List<String> user,
                                             String authorization, int warmup, int detections, int window,
                                             Map<String, Object> environment) throws Exception {
        List<String> arguments = new ArrayList<>(user);
        arguments.addAll(settings);
        try (ScratchDatabase database = ScratchDatabase.create("incident_ledger_bench_storm");
             AutovacuumStandIn vacuum = AutovacuumStandIn.start(database);
             DetectionApplication application = DetectionApplication.start(database, arguments)) {
            environment.putIfAbsent("database", Map.of("product", "PostgreSQL", "serverVersion",
                    database.serverVersion(), "poolSize", application.context().getEnvironment()
                            .getProperty("spring.datasource.hikari.maximum-pool-size", "default")));
            AlertStorm storm = new AlertStorm(application.port(), authorization);
            String run = Long.toString(System.currentTimeMillis(), 36);
            if (warmup > 0) {
                storm.run("0xwarmup" + run, warmup);
            }
            AlertStorm.Result result = storm.run("0xstorm" + run, detections);
            JdbcTemplate jdbc = application.context().getBean(JdbcTemplate.class);
            String incident = result.incidents().keySet().iterator().next();

            Map<String, Object> side = new LinkedHashMap<>();
            side.put("name", name);
            side.put("settings", settings);
            side.put("detections", detections);
            side.put("elapsedSeconds", Math.round(result.elapsedNanos() / 1e6) / 1e3);
            side.put("detectionsPerSecond", Math.round(detections / (result.elapsedNanos() / 1e9) * 10) / 10.0);
            side.put("incidents", result.incidents());
            side.put("outcomes", result.outcomes());
            side.put("incidentEvents", jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry"
                    + " WHERE aggregate_identifier = ?", Long.class, incident));
            side.put("incidentSnapshots", jdbc.queryForList("SELECT sequence_number FROM snapshot_event_entry"
                    + " WHERE aggregate_identifier = ?", Long.class, incident));
            side.put("latencyMillis", AlertStorm.latencies(result.nanos(), window));
            side.put("vacuum", vacuum.describe());
            print(name, side);
            return side;
        }
    }

    @SuppressWarnings("unchecked")
    private static void print(String name, Map<String, Object> side) {
        Map<String, Object> latency = (Map<String, Object>) side.get("latencyMillis");
        LatencyStats first = (LatencyStats) latency.get("first");
        LatencyStats last = (LatencyStats) latency.get("last");
        System.out.printf("%-22s %6d detections in %7.1f s, %d incident(s); first window p50 %.2f p99 %.2f ms,"
                        + " last window p50 %.2f p99 %.2f ms; last/first %s%n", name, (Integer) side.get("detections"),
                (Double) side.get("elapsedSeconds"), ((Map<String, Integer>) side.get("incidents")).size(),
                first.p50(), first.p99(), last.p50(), last.p99(), latency.get("lastOverFirst"));
    }

    private static Path write(Path directory, Map<String, Object> report) throws Exception {
        Files.createDirectories(directory);
        Path file = directory.resolve(NAME + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        return file;
    }
}
