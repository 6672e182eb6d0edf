package benchmarks.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import benchmarks.BenchApplication;
import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.ScratchDatabase;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.NoteSigner;
import io.incidentledger.witness.WitnessApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Witnessed checkpoints under load ({@code -Dbench.only=witnessing}): the application on PostgreSQL with two local
 * witnesses of our own jar ({@link WitnessApplication}, each on its own in-memory database) and a quorum of 2, under
 * the incident lifecycle at full rate. For every event of the window: from its stored timestamp to the first signed
 * checkpoint covering it (the baseline, as in the ledger benchmark's checkpoint lag) and to the first moment a
 * checkpoint covering it had cosignatures of both witnesses stored (the candidate). Both in the same run, on the same
 * events.
 */
public final class WitnessingBenchmark {

    public static final String NAME = "witnessing";
    private static final String ORIGIN = "incident-ledger.local/log";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WitnessingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = BenchmarkSettings.integer("bench.threads", 4);
        int seconds = BenchmarkSettings.integer("bench.witnessing.seconds", 30);
        int quorum = 2;
        long idleTimeoutMillis = BenchmarkSettings.integer("bench.idle-timeout-ms", 120_000);
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));
        Path ledgerDirectory = Files.createTempDirectory("incident-ledger-bench-witnessing-");
        NoteSigner logKey = LedgerKeys.loadOrCreate(ledgerDirectory.resolve("ledger-signing.key"), ORIGIN);

        List<ConfigurableApplicationContext> witnesses = new ArrayList<>();
        try {
            List<String> properties = new ArrayList<>(List.of("incident-ledger.ledger.witnessing.quorum=" + quorum));
            for (int i = 0; i < 2; i++) {
                ConfigurableApplicationContext witness = witness(i, ledgerDirectory, logKey);
                witnesses.add(witness);
                String url = "http://127.0.0.1:" + witness.getEnvironment().getProperty("local.server.port") + "/";
                properties.add("incident-ledger.ledger.witnessing.witnesses[" + i + "].url=" + url);
                properties.add("incident-ledger.ledger.witnessing.witnesses[" + i + "].verifier-key="
                        + verifierKey(url));
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("benchmark", NAME);
            report.put("description", "Event -> checkpoint cosigned by a quorum of 2 local witnesses (candidate) "
                    + "against event -> signed checkpoint (baseline), per event of the same " + seconds + " s "
                    + "incident-lifecycle load from " + threads + " clients; nearest-rank percentiles in ms.");
            Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
            environment.put("springBootVersion", SpringBootVersion.getVersion());
            report.put("environment", environment);
            try (ScratchDatabase database = ScratchDatabase.create("incident_ledger_bench_witnessing");
                 BenchApplication application = BenchApplication.start(database, ledgerDirectory, List.of(),
                         properties.toArray(String[]::new))) {
                environment.put("ledger", Map.of(
                        "admitInterval", application.context().getEnvironment()
                                .getProperty("incident-ledger.ledger.admit-interval", "default"),
                        "checkpointInterval", application.context().getEnvironment()
                                .getProperty("incident-ledger.ledger.checkpoint-interval", "default"),
                        "witnessPollInterval", application.context().getEnvironment()
                                .getProperty("incident-ledger.ledger.witnessing.poll-interval", "200ms (default)")));
                JdbcTemplate jdbc = application.bean(JdbcTemplate.class);
                long before = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry",
                        Long.class);
                System.out.printf("witnessing: %d s of incident lifecycles from %d clients, quorum %d of 2%n",
                        seconds, threads, quorum);
                Map<String, Object> load = CheckpointLag.measure(application, threads, seconds, idleTimeoutMillis);
                Map<String, Object> cosigned = cosignedLag(jdbc, before, quorum, idleTimeoutMillis);
                report.put("load", Map.of("commands", load.get("commands"), "commandsPerSecond",
                        load.get("commandsPerSecond"), "failedUnits", load.get("failedUnits"),
                        "checkpointsSigned", load.get("checkpointsSigned")));
                report.put("baselineEventToSignedCheckpointMillis", load.get("lagFromEventTimestampMillis"));
                report.put("candidateEventToQuorumCosignedCheckpointMillis", cosigned.get("lag"));
                report.put("checkpointsCosignedByQuorum", cosigned.get("checkpoints"));
                report.put("eventsWithoutQuorum", cosigned.get("unmatched"));
                System.out.printf("  %.1f commands/s; event -> signed p50 %s p99 %s ms; event -> cosigned by 2 "
                                + "witnesses p50 %s p99 %s ms%n", (double) load.get("commandsPerSecond"),
                        stat(load.get("lagFromEventTimestampMillis"), "p50"),
                        stat(load.get("lagFromEventTimestampMillis"), "p99"), stat(cosigned.get("lag"), "p50"),
                        stat(cosigned.get("lag"), "p99"));
            }
            Files.createDirectories(output);
            Path file = output.resolve(NAME + ".json");
            JSON.writeValue(file.toFile(), report);
            System.out.println("  wrote " + file);
        } finally {
            witnesses.forEach(ConfigurableApplicationContext::close);
        }
    }

    /**
     * Per event of the window: the first moment a checkpoint covering its leaf had {@code quorum} cosignatures (the
     * {@code quorum}-th received), waiting until every event of the window has one.
     */
    private static Map<String, Object> cosignedLag(JdbcTemplate jdbc, long before, int quorum, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Boolean done = jdbc.queryForObject("""
                    SELECT COALESCE((SELECT MAX(tree_size) FROM ledger_cosignature GROUP BY tree_size
                                     HAVING COUNT(*) >= ? ORDER BY tree_size DESC LIMIT 1), 0)
                           >= (SELECT COUNT(*) FROM ledger_leaf)""", Boolean.class, quorum);
            if (Boolean.TRUE.equals(done)) {
                break;
            }
            Thread.sleep(50);
        }
        // tree size -> when its quorum was reached
        TreeMap<Long, List<Instant>> received = new TreeMap<>();
        jdbc.query("SELECT tree_size, received_at FROM ledger_cosignature", row -> {
            received.computeIfAbsent(row.getLong(1), size -> new ArrayList<>())
                    .add(row.getObject(2, OffsetDateTime.class).toInstant());
        });
        TreeMap<Long, Instant> quorumAt = new TreeMap<>();
        received.forEach((size, times) -> {
            if (times.size() >= quorum) {
                quorumAt.put(size, times.stream().sorted().toList().get(quorum - 1));
            }
        });
        // the earliest quorum among checkpoints of at least each size: a suffix minimum
        TreeMap<Long, Instant> earliestFrom = new TreeMap<>();
        Instant earliest = null;
        for (Map.Entry<Long, Instant> entry : quorumAt.descendingMap().entrySet()) {
            earliest = earliest == null || entry.getValue().isBefore(earliest) ? entry.getValue() : earliest;
            earliestFrom.put(entry.getKey(), earliest);
        }
        List<Long> lag = new ArrayList<>();
        long[] unmatched = {0};
        jdbc.query("""
                        SELECT e.time_stamp, l.leaf_index FROM domain_event_entry e
                        JOIN ledger_leaf l ON l.global_index = e.global_index WHERE e.global_index > ?""",
                row -> {
                    Map.Entry<Long, Instant> covering = earliestFrom.ceilingEntry(row.getLong(2) + 1);
                    if (covering == null) {
                        unmatched[0]++;
                        return;
                    }
                    Instant event = Instant.parse(row.getString(1));
                    java.time.Duration between = java.time.Duration.between(event, covering.getValue());
                    lag.add(between.getSeconds() * 1_000_000 + between.getNano() / 1_000);
                }, before);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("lag", CheckpointLag.percentiles(lag));
        result.put("checkpoints", quorumAt.size());
        result.put("unmatched", unmatched[0]);
        return result;
    }

    private static ConfigurableApplicationContext witness(int index, Path directory, NoteSigner logKey) {
        return WitnessApplication.run(
                "--incident-ledger.witness.port=0",
                "--incident-ledger.witness.key-name=bench-witness-" + index + ".local",
                "--incident-ledger.witness.key-file=" + directory.resolve("witness-" + index + ".key"),
                "--incident-ledger.witness.database.url=jdbc:h2:mem:bench-witness-" + index + ";DB_CLOSE_DELAY=-1",
                "--incident-ledger.witness.database.username=sa",
                "--incident-ledger.witness.database.password=",
                "--incident-ledger.witness.logs[0].origin=" + ORIGIN,
                "--incident-ledger.witness.logs[0].verifier-keys=" + logKey.verifierKey(),
                "--logging.level.root=WARN");
    }

    private static String verifierKey(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "verifier-key")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("witness " + url + " answered " + response.statusCode());
        }
        return response.body().strip();
    }

    @SuppressWarnings("unchecked")
    private static Object stat(Object stats, String key) {
        return ((Map<String, Object>) stats).get(key);
    }
}
