package benchmarks.containment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.LatencyStats;
import benchmarks.harness.ScratchDatabase;
import benchmarks.harness.ServedApplication;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incidentledger.containment.effector.EffectorProperties;
import org.springframework.boot.SpringBootVersion;

/**
 * Benchmark: detection-to-containment latency (detection received → the key's {@code SigningKeyRevoked} stored) for
 * the key-compromise playbook, with the key-management port as a dry run and as a signed webhook to a receiver in
 * this process, against detection-to-incident latency (the baseline) in the same run; and the webhook's figure once
 * more while another incident's revocation hangs at the receiver for the port's whole timeout ({@link DisturbedProbe}),
 * against the undisturbed webhook figure. Two instances of the application in this JVM, each on its own scratch
 * database: {@code dry-run} (the port as shipped) and {@code webhook}; the baseline runs on the dry-run one, the
 * disturbed probe on the webhook one. Every measured unit is one detection on an otherwise idle instance (but for
 * the hanging incident), one after the other (a latency measurement, not a throughput test). Warm-up units of each
 * probe are discarded; the measured units are split over {@code bench.rounds} rounds whose order alternates, so that
 * drift during the run favours none of the four. Writes {@code target/bench/containment.json}; see
 * {@code docs/benchmarks.md}, "The containment benchmark". Nothing here judges: whether a figure is under its aim is
 * recorded, not asserted.
 */
public final class ContainmentBenchmark {

    public static final String NAME = "containment";

    /** The aim from the requirement: detection received → key revoked stored, p99, one node. */
    static final double AIM_P99_MILLIS = 250;
    /** The aim for the disturbed figure: its p99 at most this many times the undisturbed webhook's. */
    static final double AIM_DISTURBED_RATIO = 1.2;

    private static final String SECRET = "containment-benchmark-secret";
    /**
     * The webhook instance's key-management port: a failed attempt is tried again after 10 ms, without end, so that
     * the hanging incident hangs nearly all the time; no measured unit fails, so no measured unit retries.
     */
    private static final List<String> WEBHOOK_ARGUMENTS = List.of(
            "--incident-ledger.containment.effectors.key-management.mode=webhook",
            "--incident-ledger.containment.effectors.key-management.retry.initial-backoff=10ms",
            "--incident-ledger.containment.effectors.key-management.retry.multiplier=1",
            "--incident-ledger.containment.effectors.key-management.retry.max-backoff=10ms",
            "--incident-ledger.containment.effectors.key-management.retry.max-attempts=1000000");

    private ContainmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        int keys = BenchmarkSettings.integer("bench.containment.keys", 200);
        int envelopes = BenchmarkSettings.integer("bench.containment.envelopes", keys);
        int warmup = BenchmarkSettings.integer("bench.containment.warmup", 20);
        int rounds = BenchmarkSettings.integer("bench.rounds", 4);
        long revocationTimeoutMillis = BenchmarkSettings.integer("bench.containment.timeout-ms", 30_000);
        long idleTimeoutMillis = BenchmarkSettings.integer("bench.idle-timeout-ms", 120_000);
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));
        // for what-if runs only (e.g. another saga batch size): the figures are then not the product as shipped
        List<String> appArguments = Arrays.stream(BenchmarkSettings.string("bench.containment.app-args", "")
                .split("\\s+")).filter(argument -> !argument.isBlank()).toList();
        if (keys < 1 || envelopes < 1 || warmup < 0 || rounds < 1 || rounds > Math.min(keys, envelopes)) {
            throw new IllegalArgumentException("need keys >= 1, envelopes >= 1, warm-up >= 0 and 1 <= rounds <="
                    + " min(keys, envelopes): " + keys + "/" + envelopes + "/" + warmup + "/" + rounds);
        }
        System.out.printf("benchmark %s: %d keys per adapter, %d baseline envelopes, %d warm-up units each, %d"
                + " rounds%s%n", NAME, keys, envelopes, warmup, rounds,
                appArguments.isEmpty() ? "" : "; WHAT-IF application arguments " + appArguments);

        long begin = System.nanoTime();
        try (KeyManagementReceiver receiver = KeyManagementReceiver.start(SECRET);
             ScratchDatabase dryRunDatabase = ScratchDatabase.create("incident_ledger_bench_contain_dry");
             ScratchDatabase webhookDatabase = ScratchDatabase.create("incident_ledger_bench_contain_hook");
             ServedApplication dryRun = ServedApplication.start("dry-run", dryRunDatabase, appArguments);
             ServedApplication webhook = ServedApplication.start("webhook", webhookDatabase,
                     concat(appArguments, concat(WEBHOOK_ARGUMENTS, List.of(
                             "--incident-ledger.containment.effectors.key-management.url=" + receiver.url(),
                             "--incident-ledger.containment.effectors.key-management.secret=" + SECRET))));
             CommitWatch dryRunWatch = new CommitWatch(dryRun.eventStore());
             CommitWatch webhookWatch = new CommitWatch(webhook.eventStore())) {
            System.out.printf("  both instances started in %.1f s%n", (System.nanoTime() - begin) / 1e9);
            Probe baseline = new DetectionToIncidentProbe(dryRun, dryRunWatch, idleTimeoutMillis);
            Probe dryRunProbe = new ContainmentProbe("dry-run", dryRun, null, dryRunWatch, revocationTimeoutMillis,
                    idleTimeoutMillis);
            Probe webhookProbe = new ContainmentProbe("webhook", webhook, receiver, webhookWatch,
                    revocationTimeoutMillis, idleTimeoutMillis);
            Duration portTimeout = webhook.context().getBean(EffectorProperties.class).keyManagement().timeout();
            DisturbedProbe disturbedProbe = new DisturbedProbe(new ContainmentProbe("webhook-disturbed", webhook,
                    receiver, webhookWatch, revocationTimeoutMillis, idleTimeoutMillis), webhook, receiver,
                    webhookWatch, portTimeout, idleTimeoutMillis);
            List<Probe> probes = List.of(baseline, dryRunProbe, webhookProbe, disturbedProbe);
            Map<Probe, Integer> measuredUnits = Map.of(baseline, envelopes, dryRunProbe, keys, webhookProbe, keys,
                    disturbedProbe, keys);
            Map<Probe, Samples> samples = new LinkedHashMap<>();
            probes.forEach(probe -> samples.put(probe, new Samples()));

            // warm-up in halves, the second half in reverse order, so that all four are about equally warm
            int unit = -1;
            for (int half = 0; half < 2; half++) {
                List<Probe> order = half == 0 ? probes : reversed(probes);
                for (Probe probe : order) {
                    int units = half == 0 ? warmup / 2 : warmup - warmup / 2;
                    long start = System.nanoTime();
                    probe.beginBlock();
                    for (int i = 0; i < units; i++) {
                        probe.measureOne(unit--);
                    }
                    probe.endBlock();
                    System.out.printf("  warm-up  %-22s %3d units in %5.1f s (discarded)%n", probe.name(), units,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            int[] next = new int[probes.size()];
            for (int round = 0; round < rounds; round++) {
                List<Probe> order = round % 2 == 0 ? probes : reversed(probes);
                for (Probe probe : order) {
                    Samples probeSamples = samples.get(probe);
                    probeSamples.startRound();
                    int total = measuredUnits.get(probe);
                    int units = total / rounds + (round < total % rounds ? 1 : 0);
                    long start = System.nanoTime();
                    probe.beginBlock();
                    for (int i = 0; i < units; i++) {
                        probeSamples.add(probe.measureOne(next[probes.indexOf(probe)]++));
                    }
                    probe.endBlock();
                    System.out.printf("  round %d  %-22s %3d units in %5.1f s, received→stored p50 %7.2f ms, p99"
                                    + " %7.2f ms%n", round + 1, probe.name(), units, (System.nanoTime() - start) / 1e9,
                            last(probeSamples.byRound("receivedToStored"), "p50Millis"),
                            last(probeSamples.byRound("receivedToStored"), "p99Millis"));
                }
            }

            Map<String, Object> report = report(samples.get(baseline), samples.get(dryRunProbe),
                    samples.get(webhookProbe), samples.get(disturbedProbe), disturbedProbe, portTimeout, receiver,
                    dryRunDatabase, dryRun, keys, envelopes, warmup, rounds, appArguments);
            Files.createDirectories(output);
            Path file = output.resolve(NAME + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
            printSummary(samples.get(baseline), samples.get(dryRunProbe), samples.get(webhookProbe),
                    samples.get(disturbedProbe), disturbedProbe, receiver);
            System.out.println("written " + file.toAbsolutePath());
        }
    }

    private static Map<String, Object> report(Samples baseline, Samples dryRun, Samples webhook, Samples disturbed,
                                              DisturbedProbe disturbedProbe, Duration portTimeout,
                                              KeyManagementReceiver receiver, ScratchDatabase database,
                                              ServedApplication application, int keys, int envelopes,
                                              int warmup, int rounds, List<String> appArguments)
            throws Exception {
        Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
        environment.put("springBootVersion", SpringBootVersion.getVersion());
        environment.put("axonVersion", org.axonframework.config.Configuration.class.getPackage()
                .getImplementationVersion());
        environment.put("database", Map.of("product", "PostgreSQL", "serverVersion", database.serverVersion(),
                "poolSize", application.context().getEnvironment()
                        .getProperty("spring.datasource.hikari.maximum-pool-size", "default")));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", NAME);
        report.put("description", "Detection-to-containment latency on one node: detection received (its receivedAt)"
                + " -> the key's SigningKeyRevoked stored (time_stamp), key-compromise playbook, one detection at a"
                + " time on an idle instance, each naming its own freshly registered key; key-management port as a"
                + " dry run and as a signed webhook to a local receiver, and as a webhook once more while another"
                + " incident's revocation hangs at the receiver for the port's whole timeout. Baseline in the same run:"
                + " detection received -> the incident's first event stored; for the disturbed figure, the undisturbed"
                + " webhook one. Milliseconds.");
        report.put("timestamp", Instant.now().toString());
        report.put("environment", environment);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("keysPerAdapter", keys);
        settings.put("baselineEnvelopes", envelopes);
        settings.put("warmupUnitsPerProbe", warmup);
        settings.put("rounds", rounds);
        settings.put("extraApplicationArguments", appArguments);
        settings.put("playbook", "key-compromise (REVOKE_KEY, NOTIFY; no approval), detections HIGH KEY_COMPROMISE");
        settings.put("webhookReceiver", "JDK HttpServer on 127.0.0.1 in the benchmark JVM, checks the HMAC, answers"
                + " 200 {\"reference\": ...}");
        settings.put("webhookInstanceArguments", WEBHOOK_ARGUMENTS);
        report.put("settings", settings);
        report.put("baseline", side("detection-to-incident", "on the dry-run instance: a generic envelope of"
                + " category OTHER (no playbook) opening an incident; stored = the incident's first event", baseline));
        report.put("dryRun", side("containment-dry-run", "key-management port in dry-run mode", dryRun));
        Map<String, Object> webhookSide = side("containment-webhook", "key-management port in webhook mode, signed"
                + " POST to the local receiver", webhook);
        webhookSide.put("receiver", Map.of("validDeliveries", receiver.validDeliveries(),
                "invalidDeliveries", receiver.invalidDeliveries()));
        report.put("webhook", webhookSide);
        Map<String, Object> disturbedSide = side("containment-webhook-disturbed", "webhook instance, while another"
                + " incident's REVOKE_KEY on the same port hangs at the receiver, attempt after attempt, each for the"
                + " port's whole timeout", disturbed);
        Map<String, Object> hanging = new LinkedHashMap<>();
        hanging.put("portTimeoutMillis", portTimeout.toMillis());
        hanging.put("requestsHeld", receiver.heldInAll());
        hanging.put("measuredUnits", disturbedProbe.measuredUnits());
        hanging.put("unitsWithOneRequestHeldThroughout", disturbedProbe.unitsHangingThroughout());
        disturbedSide.put("hanging", hanging);
        report.put("webhookDisturbed", disturbedSide);

        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("note", "candidate / baseline of the same metric; receivedToStored (millisecond time_stamps) and"
                + " receivedToCommitted (microseconds) are the server's own part, sendToStored includes the request's"
                + " authentication (bcrypt) on both sides");
        ratio.put("dryRunVsDetectionToIncident", ratios(dryRun, baseline));
        ratio.put("webhookVsDetectionToIncident", ratios(webhook, baseline));
        ratio.put("webhookVsDryRun", ratios(webhook, dryRun));
        ratio.put("webhookDisturbedVsWebhook", ratios(disturbed, webhook));
        report.put("ratio", ratio);

        Map<String, Object> target = new LinkedHashMap<>();
        target.put("metric", "receivedToStored p99");
        target.put("p99Millis", AIM_P99_MILLIS);
        target.put("dryRunP99Millis", dryRun.stats("receivedToStored").p99());
        target.put("dryRunMet", dryRun.stats("receivedToStored").p99() < AIM_P99_MILLIS);
        target.put("webhookP99Millis", webhook.stats("receivedToStored").p99());
        target.put("webhookMet", webhook.stats("receivedToStored").p99() < AIM_P99_MILLIS);
        Double disturbedRatio = ratio(disturbed.stats("receivedToStored").p99(),
                webhook.stats("receivedToStored").p99());
        target.put("disturbedVsUndisturbedP99Aim", AIM_DISTURBED_RATIO);
        target.put("disturbedP99Millis", disturbed.stats("receivedToStored").p99());
        target.put("disturbedVsUndisturbedP99", disturbedRatio);
        target.put("disturbedMet", disturbedRatio != null && disturbedRatio <= AIM_DISTURBED_RATIO);
        report.put("target", target);
        return report;
    }

    private static Map<String, Object> side(String name, String description, Samples samples) {
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("name", name);
        side.put("description", description);
        side.put("units", samples.units());
        Map<String, Object> stages = new LinkedHashMap<>();
        Map<String, Map<String, Object>> timeline = new LinkedHashMap<>();
        samples.all().forEach((metric, stats) -> {
            if (metric.startsWith("stage:")) {
                stages.put(metric.substring("stage:".length()) + "Millis", stats);
            } else if (metric.startsWith("applied:") || metric.startsWith("committed:")) {
                String[] parts = metric.split(":", 2);
                timeline.computeIfAbsent(parts[1], event -> new LinkedHashMap<>()).put(parts[0] + "Millis", stats);
            } else {
                side.put(metric + "Millis", stats);
            }
        });
        if (!stages.isEmpty()) {
            side.put("stages", stages);
        }
        if (!timeline.isEmpty()) {
            side.put("timelineFromReceived", timeline);
        }
        side.put("receivedToStoredByRound", samples.byRound("receivedToStored"));
        return side;
    }

    private static Map<String, Object> ratios(Samples candidate, Samples baseline) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String metric : List.of("receivedToStored", "receivedToCommitted", "sendToStored")) {
            LatencyStats c = candidate.stats(metric);
            LatencyStats b = baseline.stats(metric);
            ratios.put(metric + "P50", ratio(c.p50(), b.p50()));
            ratios.put(metric + "P99", ratio(c.p99(), b.p99()));
        }
        return ratios;
    }

    private static Double ratio(double candidate, double baseline) {
        return baseline <= 0 ? null : Math.round(candidate / baseline * 1000) / 1000.0;
    }

    private static void printSummary(Samples baseline, Samples dryRun, Samples webhook, Samples disturbed,
                                     DisturbedProbe disturbedProbe, KeyManagementReceiver receiver) {
        System.out.println();
        System.out.printf("%-24s %6s %22s %22s%n", "", "units", "received→stored p50/p99", "send→stored p50/p99");
        for (Map.Entry<String, Samples> entry : Map.of("detection-to-incident", baseline, "containment dry-run",
                dryRun, "containment webhook", webhook, "containment wh-disturbed", disturbed).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            LatencyStats received = entry.getValue().stats("receivedToStored");
            LatencyStats sent = entry.getValue().stats("sendToStored");
            System.out.printf("%-24s %6d %10.2f / %8.2f ms %10.2f / %8.2f ms%n", entry.getKey(),
                    entry.getValue().units(), received.p50(), received.p99(), sent.p50(), sent.p99());
        }
        System.out.println("dry-run / detection-to-incident " + ratios(dryRun, baseline));
        System.out.println("webhook / detection-to-incident " + ratios(webhook, baseline));
        System.out.println("webhook / dry-run               " + ratios(webhook, dryRun));
        System.out.println("webhook disturbed / webhook     " + ratios(disturbed, webhook));
        for (Map.Entry<String, Samples> entry : List.of(Map.entry("dry-run", dryRun), Map.entry("webhook", webhook),
                Map.entry("webhook disturbed", disturbed))) {
            System.out.printf("%s, from receivedAt, p50 / p99 ms (applied = the event's time_stamp):%n",
                    entry.getKey());
            entry.getValue().all().forEach((metric, stats) -> {
                if (metric.startsWith("stage:") || metric.startsWith("applied:")
                        || metric.startsWith("committed:")) {
                    System.out.printf("  %-52s %8.1f / %8.1f%n", metric, stats.p50(), stats.p99());
                }
            });
        }
        System.out.printf("aim p99 < %.0f ms (received→stored): dry-run %s, webhook %s; receiver: %d valid, %d"
                        + " invalid deliveries%n", AIM_P99_MILLIS,
                dryRun.stats("receivedToStored").p99() < AIM_P99_MILLIS ? "met" : "MISSED",
                webhook.stats("receivedToStored").p99() < AIM_P99_MILLIS ? "met" : "MISSED",
                receiver.validDeliveries(), receiver.invalidDeliveries());
        double disturbedRatio = disturbed.stats("receivedToStored").p99() / webhook.stats("receivedToStored").p99();
        System.out.printf("aim disturbed p99 <= %.1f x undisturbed (received→stored): %.3f, %s; %d of %d disturbed"
                        + " units ran beside one request held throughout, %d requests held in all%n",
                AIM_DISTURBED_RATIO, disturbedRatio, disturbedRatio <= AIM_DISTURBED_RATIO ? "met" : "MISSED",
                disturbedProbe.unitsHangingThroughout(), disturbedProbe.measuredUnits(), receiver.heldInAll());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<Probe> reversed(List<Probe> probes) {
        List<Probe> reversed = new ArrayList<>(probes);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static double last(List<Map<String, Object>> rounds, String field) {
        return (double) rounds.get(rounds.size() - 1).get(field);
    }
}
