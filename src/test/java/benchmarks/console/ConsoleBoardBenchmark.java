package benchmarks.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.LatencyStats;
import benchmarks.harness.ScratchDatabase;
import benchmarks.harness.ServedApplication;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incidentledger.incident.api.AddAffectedAssets;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.SpringBootVersion;

/**
 * Benchmark: the server time of the console's board (GET {@code /console/board}, the part the filters and the live
 * feed fetch) on an application holding {@code bench.console.incidents} open incidents (10,000), for five requests a
 * responder makes: the default board, a severity filter, a text filter, an asset filter and page 200. Baseline in the
 * same run, on the same data and session: the API's plain incident list ({@code GET /api/incidents?page=..&size=25}).
 * One client, one request at a time, with a session cookie (a form sign-in first), so that no request pays for a
 * password check; the time is the client's round trip on 127.0.0.1 (request sent → whole answer read). The requests
 * of all variants are interleaved, one of each in turn, their order rotating, so that drift favours none. Writes
 * {@code target/bench/console-board.json}; see {@code docs/console-benchmarks.md}. Nothing here judges: whether the
 * aim (under 300 ms per page) is met is recorded, not asserted.
 */
public final class ConsoleBoardBenchmark {

    public static final String NAME = "console-board";

    static final double AIM_MILLIS = 300;

    private static final String[] FIRST = {"Hot wallet", "Custody", "Bridge", "Validator", "Exchange", "Treasury",
            "Payment", "Staking", "Oracle", "Settlement"};
    private static final String[] SECOND = {"outflow", "phishing", "outage", "leak", "anomaly", "fraud", "access",
            "drain", "misconfiguration", "alert"};
    /** Categories no playbook acts on, so that seeding starts no containment. */
    private static final Category[] CATEGORIES = {Category.FRAUDULENT_TRANSACTION, Category.PHISHING,
            Category.DATA_BREACH, Category.SERVICE_DISRUPTION, Category.INSIDER_THREAT, Category.OTHER};
    private static final Severity[] SEVERITIES = {Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.LOW,
            Severity.HIGH, Severity.LOW, Severity.MEDIUM, Severity.LOW, Severity.CRITICAL, Severity.LOW};

    private ConsoleBoardBenchmark() {
    }

    /** One kind of request, measured alike. */
    private record Variant(String name, String path, boolean baseline, String expect) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        int incidents = BenchmarkSettings.integer("bench.console.incidents", 10_000);
        int requests = BenchmarkSettings.integer("bench.console.requests", 100);
        int warmup = BenchmarkSettings.integer("bench.console.warmup", 20);
        int threads = BenchmarkSettings.integer("bench.threads", 4);
        long idleTimeoutMillis = BenchmarkSettings.integer("bench.idle-timeout-ms", 600_000);
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));
        int lastPage = Math.max(0, Math.min(200, (incidents - 1) / 25));
        System.out.printf("benchmark %s: %d incidents, %d measured requests per variant, %d warm-up each%n", NAME,
                incidents, requests, warmup);

        long begin = System.nanoTime();
        try (ScratchDatabase database = ScratchDatabase.create("incident_ledger_bench_console_board");
             ServedApplication application = ServedApplication.start("board", database, List.of())) {
            System.out.printf("  started in %.1f s%n", (System.nanoTime() - begin) / 1e9);
            long seeding = System.nanoTime();
            String address = seed(application.context().getBean(CommandGateway.class), incidents, threads);
            double seedSeconds = (System.nanoTime() - seeding) / 1e9;
            long draining = System.nanoTime();
            boolean idle = application.awaitIdle(idleTimeoutMillis);
            double drainSeconds = (System.nanoTime() - draining) / 1e9;
            System.out.printf("  seeded %d incidents in %.1f s, views caught up %.1f s later (%s)%n", incidents,
                    seedSeconds, drainSeconds, idle ? "idle" : "NOT idle");

            List<Variant> variants = List.of(
                    new Variant("board-default", "/console/board", false, "matching"),
                    new Variant("board-severity", "/console/board?severity=HIGH&severity=CRITICAL", false,
                            "matching"),
                    new Variant("board-text", "/console/board?q=wallet", false, "matching"),
                    new Variant("board-asset", "/console/board?asset=" + address, false, "<strong>1</strong> matching"),
                    new Variant("board-page-" + lastPage, "/console/board?page=" + lastPage, false, "matching"),
                    new Variant("api-list-page-0", "/api/incidents?page=0&size=25", true, "\"items\""),
                    new Variant("api-list-page-" + lastPage, "/api/incidents?page=" + lastPage + "&size=25", true,
                            "\"items\""));
            ConsoleSession session = ConsoleSession.signIn(application.port(), "responder");
            for (Variant variant : variants) {
                String body = session.get(variant.path());
                if (!body.contains(variant.expect())) {
                    throw new IllegalStateException(variant.name() + ": the answer lacks '" + variant.expect()
                            + "': " + body.substring(0, Math.min(500, body.length())));
                }
            }

            Map<Variant, long[]> samples = new LinkedHashMap<>();
            variants.forEach(variant -> samples.put(variant, new long[requests]));
            for (int i = -warmup; i < requests; i++) {
                int n = variants.size();
                for (int k = 0; k < n; k++) {
                    Variant variant = variants.get(Math.floorMod(i + k, n));
                    long start = System.nanoTime();
                    session.get(variant.path());
                    long nanos = System.nanoTime() - start;
                    if (i >= 0) {
                        samples.get(variant)[i] = nanos;
                    }
                }
                if (i == -1 || (i >= 0 && (i + 1) % Math.max(1, requests / 4) == 0)) {
                    System.out.printf("  %s %d%n", i < 0 ? "warm-up done," : "measured", i + 1);
                }
            }

            Map<String, Object> report = report(samples, incidents, requests, warmup, seedSeconds, drainSeconds,
                    idle, database);
            Files.createDirectories(output);
            Path file = output.resolve(NAME + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
            printSummary(samples);
            System.out.println("written " + file.toAbsolutePath());
        }
    }

    /**
     * Reports the incidents through the command gateway on {@code threads} threads, as a responder would; every
     * tenth one gets an affected wallet. Returns the wallet of one of them (the asset filter's target).
     */
    private static String seed(CommandGateway gateway, int incidents, int threads) throws Exception {
        MetaData actor = ActorMetadata.ofService("bench", "RESPONDER");
        Instant occurred = Instant.parse("2026-11-01T08:00:00Z");
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < incidents; i = next.getAndIncrement()) {
                        IncidentId id = IncidentId.of(UUID.nameUUIDFromBytes(("bench-board-" + i).getBytes()));
                        String title = FIRST[i % FIRST.length] + " " + SECOND[(i / FIRST.length) % SECOND.length]
                                + " #" + i;
                        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new ReportIncident(id, title,
                                "Seen by the desk at shift " + (i % 3), SEVERITIES[i % SEVERITIES.length],
                                CATEGORIES[i % CATEGORIES.length], IncidentSource.MANUAL,
                                occurred.plusSeconds(i), occurred.plusSeconds(i + 60))).andMetaData(actor));
                        if (i % 10 == 0) {
                            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new AddAffectedAssets(id,
                                    List.of(new AffectedAsset(AssetType.WALLET, wallet(i), "ethereum")),
                                    "the wallet the alert named")).andMetaData(actor));
                        }
                        if ((i + 1) % 2_000 == 0) {
                            System.out.printf("  seeded %d%n", i + 1);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        return wallet(Math.max(0, (incidents - 1) / 20 * 10));
    }

    private static String wallet(int i) {
        return String.format("0x%040x", 0xbe0c000000L + i);
    }

    private static Map<String, Object> report(Map<Variant, long[]> samples, int incidents, int requests, int warmup,
                                              double seedSeconds, double drainSeconds, boolean idle,
                                              ScratchDatabase database) throws Exception {
        Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
        environment.put("springBootVersion", SpringBootVersion.getVersion());
        environment.put("database", Map.of("product", "PostgreSQL", "serverVersion", database.serverVersion()));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", NAME);
        report.put("description", "Server time of the console's board part (GET /console/board) with "
                + incidents + " open incidents in the register, per request, for five filter combinations; baseline"
                + " in the same run: the API's incident list (GET /api/incidents, 25 per page) on the same data."
                + " One client on 127.0.0.1 with a session cookie, one request at a time, variants interleaved."
                + " Milliseconds, client round trip (request sent -> whole answer read).");
        report.put("timestamp", Instant.now().toString());
        report.put("environment", environment);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("incidents", incidents);
        settings.put("incidentsWithAnAffectedWallet", (incidents + 9) / 10);
        settings.put("measuredRequestsPerVariant", requests);
        settings.put("warmupRequestsPerVariant", warmup);
        settings.put("seedSeconds", seedSeconds);
        settings.put("viewsCaughtUpSecondsAfterSeeding", drainSeconds);
        settings.put("idleBeforeMeasuring", idle);
        report.put("settings", settings);

        List<long[]> baselineParts = new ArrayList<>();
        Map<String, Object> variants = new LinkedHashMap<>();
        for (Map.Entry<Variant, long[]> entry : samples.entrySet()) {
            Map<String, Object> variant = new LinkedHashMap<>();
            variant.put("path", entry.getKey().path());
            variant.put("role", entry.getKey().baseline() ? "baseline" : "candidate");
            variant.put("latencyMillis", LatencyStats.of(List.of(entry.getValue())));
            variants.put(entry.getKey().name(), variant);
            if (entry.getKey().baseline()) {
                baselineParts.add(entry.getValue());
            }
        }
        report.put("variants", variants);
        LatencyStats baseline = LatencyStats.of(baselineParts);
        report.put("baseline", Map.of("name", "api-list (both pages pooled)", "latencyMillis", baseline));
        Map<String, Object> ratio = new LinkedHashMap<>();
        Map<String, Object> target = new LinkedHashMap<>();
        boolean allMet = true;
        for (Map.Entry<Variant, long[]> entry : samples.entrySet()) {
            if (entry.getKey().baseline()) {
                continue;
            }
            LatencyStats stats = LatencyStats.of(List.of(entry.getValue()));
            ratio.put(entry.getKey().name(), Map.of("p50", round(stats.p50() / baseline.p50()),
                    "p95", round(p95(entry.getValue()) / p95(baselineParts)),
                    "p99", round(stats.p99() / baseline.p99())));
            boolean met = stats.p99() < AIM_MILLIS;
            allMet &= met;
            target.put(entry.getKey().name() + "P99Met", met);
        }
        report.put("ratio", ratio);
        target.put("aimMillis", AIM_MILLIS);
        target.put("allMetAtP99", allMet);
        report.put("target", target);
        return report;
    }

    private static void printSummary(Map<Variant, long[]> samples) {
        System.out.printf("  %-22s %9s %9s %9s %9s%n", "variant", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (Map.Entry<Variant, long[]> entry : samples.entrySet()) {
            LatencyStats stats = LatencyStats.of(List.of(entry.getValue()));
            System.out.printf("  %-22s %9.2f %9.2f %9.2f %9.2f%n", entry.getKey().name(), stats.p50(),
                    p95(entry.getValue()), stats.p99(), stats.max());
        }
    }

    /** The 95th percentile, nearest rank, in milliseconds (LatencyStats has p90 and p99). */
    static double p95(long[] nanos) {
        return p95(List.of(nanos));
    }

    static double p95(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(0.95 * all.length);
        return Math.round(all[Math.max(0, rank - 1)] / 1_000.0) / 1_000.0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
