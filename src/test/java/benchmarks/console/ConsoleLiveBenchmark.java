package benchmarks.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.LatencyStats;
import benchmarks.harness.ScratchDatabase;
import benchmarks.harness.ServedApplication;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.SpringBootVersion;

/**
 * Benchmark: how long an incident's event takes from its commit to each console connected to the live feed
 * ({@code GET /console/live}, Server-Sent Events), with {@code bench.console.live.clients} (50) plain HTTP clients
 * connected at once (HTTP Basic as {@code responder}), against one client alone (the baseline) in the same run and
 * application. Events are committed one at a time through the command gateway (every sixth a new incident reported,
 * the others notes on it); the next is sent once every client has the last one, or after
 * {@code bench.console.live.timeout-ms}, and a short gap. Per event and client: the event's stored timestamp → the
 * wall-clock instant the client had read the whole SSE event; and, as a second figure, the instant the command's
 * answer came back → the same arrival (same machine, same clock). Warm-up events are discarded; the measured events
 * are split over {@code bench.rounds} rounds, baseline and candidate alternating which goes first. Writes
 * {@code target/bench/console-live.json}; see {@code docs/console-benchmarks.md}. Nothing here judges: the aim (p99
 * at most 1 s) is recorded, not asserted.
 */
public final class ConsoleLiveBenchmark {

    public static final String NAME = "console-live";

    static final double AIM_P99_MILLIS = 1_000;

    private ConsoleLiveBenchmark() {
    }

    /** What one side (a number of clients) measured. */
    private static final class Side {
        final String name;
        final int clients;
        final List<long[]> fromTimestamp = new ArrayList<>();
        final List<long[]> fromAnswer = new ArrayList<>();
        final List<long[]> lastClientFromTimestamp = new ArrayList<>();
        final List<Map<String, Object>> rounds = new ArrayList<>();
        int events;
        int missed;
        int reloads;

        Side(String name, int clients) {
            this.name = name;
            this.clients = clients;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        int clients = BenchmarkSettings.integer("bench.console.live.clients", 50);
        int events = BenchmarkSettings.integer("bench.console.live.events", 200);
        int warmup = BenchmarkSettings.integer("bench.console.live.warmup", 20);
        int rounds = BenchmarkSettings.integer("bench.rounds", 4);
        int gapMillis = BenchmarkSettings.integer("bench.console.live.gap-ms", 50);
        long timeoutMillis = BenchmarkSettings.integer("bench.console.live.timeout-ms", 10_000);
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));
        if (clients < 1 || events < rounds || rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("need clients >= 1, events >= rounds >= 1, warm-up >= 0");
        }
        System.out.printf("benchmark %s: %d clients against 1, %d measured events per side in %d rounds, %d warm-up"
                + " events%n", NAME, clients, events, rounds, warmup);

        long begin = System.nanoTime();
        try (ScratchDatabase database = ScratchDatabase.create("incident_ledger_bench_console_live");
             ServedApplication application = ServedApplication.start("live", database, List.of())) {
            System.out.printf("  started in %.1f s%n", (System.nanoTime() - begin) / 1e9);
            Events source = new Events(application.context().getBean(CommandGateway.class),
                    application.eventStore());
            Side baseline = new Side("one-client", 1);
            Side candidate = new Side(clients + "-clients", clients);
            List<Side> sides = List.of(baseline, candidate);

            for (Side side : List.of(baseline, candidate, candidate, baseline)) {
                run(application, source, side, warmup / 2, gapMillis, timeoutMillis, false);
            }
            for (int round = 0; round < rounds; round++) {
                List<Side> order = round % 2 == 0 ? sides : List.of(candidate, baseline);
                for (Side side : order) {
                    int units = events / rounds + (round < events % rounds ? 1 : 0);
                    long start = System.nanoTime();
                    run(application, source, side, units, gapMillis, timeoutMillis, true);
                    long[] last = side.fromTimestamp.get(side.fromTimestamp.size() - 1);
                    LatencyStats stats = LatencyStats.of(List.of(last));
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("round", round + 1);
                    summary.put("events", units);
                    summary.put("p50Millis", stats.p50());
                    summary.put("p99Millis", stats.p99());
                    side.rounds.add(summary);
                    System.out.printf("  round %d  %-11s %3d events in %5.1f s, timestamp→client p50 %7.2f ms, p99"
                                    + " %7.2f ms%n", round + 1, side.name, units, (System.nanoTime() - start) / 1e9,
                            stats.p50(), stats.p99());
                }
            }

            Map<String, Object> report = report(baseline, candidate, events, warmup, rounds, gapMillis, database);
            Files.createDirectories(output);
            Path file = output.resolve(NAME + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
            printSummary(baseline, candidate);
            System.out.println("written " + file.toAbsolutePath());
        }
    }

    /** Connects the side's clients, commits {@code units} events one at a time, notes the arrivals, disconnects. */
    private static void run(ServedApplication application, Events source, Side side, int units, int gapMillis,
                            long timeoutMillis, boolean measured) throws Exception {
        if (units <= 0) {
            return;
        }
        List<LiveClient> connected = new ArrayList<>();
        try {
            for (int i = 0; i < side.clients; i++) {
                connected.add(LiveClient.open(application.port(), "responder", i));
            }
            long[] fromTimestamp = new long[units * side.clients];
            long[] fromAnswer = new long[units * side.clients];
            long[] lastClient = new long[units];
            int samples = 0;
            int answered = 0;
            for (int unit = 0; unit < units; unit++) {
                Events.Committed event = source.next();
                long until = System.nanoTime() + timeoutMillis * 1_000_000L;
                List<Instant> arrivals = new ArrayList<>();
                for (LiveClient client : connected) {
                    Instant arrival = client.arrival(event.incidentId(), event.sequence());
                    while (arrival == null && System.nanoTime() < until) {
                        Thread.sleep(1);
                        arrival = client.arrival(event.incidentId(), event.sequence());
                    }
                    arrivals.add(arrival);
                }
                long slowest = 0;
                for (Instant arrival : arrivals) {
                    if (arrival == null) {
                        if (measured) {
                            side.missed++;
                        }
                        continue;
                    }
                    long nanos = Duration.between(event.timestamp(), arrival).toNanos();
                    fromTimestamp[samples] = nanos;
                    fromAnswer[samples++] = Duration.between(event.answeredAt(), arrival).toNanos();
                    slowest = Math.max(slowest, nanos);
                }
                lastClient[answered++] = slowest;
                connected.forEach(LiveClient::forget);
                Thread.sleep(gapMillis);
            }
            if (measured) {
                side.events += units;
                side.fromTimestamp.add(java.util.Arrays.copyOf(fromTimestamp, samples));
                side.fromAnswer.add(java.util.Arrays.copyOf(fromAnswer, samples));
                side.lastClientFromTimestamp.add(java.util.Arrays.copyOf(lastClient, answered));
                side.reloads += connected.stream().mapToInt(LiveClient::reloads).sum();
            }
        } finally {
            for (LiveClient client : connected) {
                client.close();
            }
        }
    }

    /** The events committed, one at a time: every sixth a new incident reported, the others notes on it. */
    private static final class Events {

        record Committed(String incidentId, long sequence, Instant timestamp, Instant answeredAt) {
        }

        private final CommandGateway gateway;
        private final EventStore store;
        private final MetaData actor = ActorMetadata.ofService("bench", "RESPONDER");
        private IncidentId incident;
        private long sequence = -1;
        private int count;

        Events(CommandGateway gateway, EventStore store) {
            this.gateway = gateway;
            this.store = store;
        }

        Committed next() {
            Object command;
            if (incident == null || count++ % 6 == 0) {
                incident = IncidentId.of(UUID.randomUUID());
                sequence = -1;
                command = new ReportIncident(incident, "Live benchmark incident " + count,
                        "Seen by the desk", Severity.LOW, Category.OTHER, IncidentSource.MANUAL,
                        Instant.parse("2026-11-01T08:00:00Z"), Instant.parse("2026-11-01T08:01:00Z"));
            } else {
                command = new AddNote(incident, "Checked the logs again, note " + count);
            }
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor));
            Instant answeredAt = Instant.now();
            // the incident's newest event: the one just committed (the report or the note), as stored
            DomainEventMessage<?> last = null;
            for (var stream = store.readEvents(incident.value(), sequence + 1); stream.hasNext(); ) {
                last = stream.next();
            }
            if (last == null) {
                throw new IllegalStateException("no new event stored for " + incident);
            }
            sequence = last.getSequenceNumber();
            Committed committed = new Committed(incident.value(), sequence, last.getTimestamp(), answeredAt);
            return committed;
        }
    }

    private static Map<String, Object> report(Side baseline, Side candidate, int events, int warmup, int rounds,
                                              int gapMillis, ScratchDatabase database) throws Exception {
        Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
        environment.put("springBootVersion", SpringBootVersion.getVersion());
        environment.put("database", Map.of("product", "PostgreSQL", "serverVersion", database.serverVersion()));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", NAME);
        report.put("description", "Live feed latency: an incident's event committed (its stored timestamp) -> read"
                + " in full by each client connected to GET /console/live (plain HTTP clients, HTTP Basic), with "
                + candidate.clients + " clients connected; baseline in the same run: one client. Events one at a"
                + " time. Milliseconds.");
        report.put("timestamp", Instant.now().toString());
        report.put("environment", environment);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clients", candidate.clients);
        settings.put("measuredEventsPerSide", events);
        settings.put("warmupEventsPerSide", warmup);
        settings.put("rounds", rounds);
        settings.put("gapMillisBetweenEvents", gapMillis);
        settings.put("events", "every sixth a ReportIncident (LOW, OTHER), the others AddNote on that incident,"
                + " through the command gateway");
        report.put("settings", settings);
        report.put("baseline", side(baseline));
        report.put("candidate", side(candidate));
        LatencyStats b = LatencyStats.of(baseline.fromTimestamp);
        LatencyStats c = LatencyStats.of(candidate.fromTimestamp);
        LatencyStats ba = LatencyStats.of(baseline.fromAnswer);
        LatencyStats ca = LatencyStats.of(candidate.fromAnswer);
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("fromTimestampP50", round(c.p50() / b.p50()));
        ratio.put("fromTimestampP99", round(c.p99() / b.p99()));
        ratio.put("fromAnswerP50", round(ca.p50() / ba.p50()));
        ratio.put("fromAnswerP99", round(ca.p99() / ba.p99()));
        report.put("ratio", ratio);
        report.put("target", Map.of("p99Millis", AIM_P99_MILLIS, "met", c.p99() <= AIM_P99_MILLIS
                && candidate.missed == 0));
        return report;
    }

    private static Map<String, Object> side(Side side) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", side.name);
        result.put("clients", side.clients);
        result.put("events", side.events);
        result.put("deliveriesMissed", side.missed);
        result.put("reloadsSent", side.reloads);
        result.put("timestampToClientMillis", LatencyStats.of(side.fromTimestamp));
        result.put("answerToClientMillis", LatencyStats.of(side.fromAnswer));
        result.put("timestampToLastClientMillis", LatencyStats.of(side.lastClientFromTimestamp));
        result.put("rounds", side.rounds);
        return result;
    }

    private static void printSummary(Side baseline, Side candidate) {
        System.out.printf("  %-34s %9s %9s %9s %9s %7s%n", "side / metric", "p50 ms", "p99 ms", "max ms", "count",
                "missed");
        for (Side side : List.of(baseline, candidate)) {
            for (Map.Entry<String, List<long[]>> metric : List.of(Map.entry("timestamp→client", side.fromTimestamp),
                    Map.entry("answer→client", side.fromAnswer),
                    Map.entry("timestamp→last client", side.lastClientFromTimestamp))) {
                LatencyStats stats = LatencyStats.of(metric.getValue());
                System.out.printf("  %-34s %9.2f %9.2f %9.2f %9d %7d%n", side.name + " " + metric.getKey(),
                        stats.p50(), stats.p99(), stats.max(), stats.count(), side.missed);
            }
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
