package benchmarks.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import benchmarks.BenchApplication;
import benchmarks.CounterWorkload;
import benchmarks.IncidentLifecycleWorkload;
import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkRunner;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.ScratchDatabase;
import benchmarks.harness.Workload;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incidentledger.ledger.chain.ChainHeads;
import io.incidentledger.ledger.chain.ChainedAppendStatement;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.SpringBootVersion;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark of the tamper-evident ledger (docs/benchmarks.md), written to {@code target/bench/ledger.json}:
 * <ol>
 *   <li><b>chain cost</b>: the same work through the chained engine and through Axon's plain JDBC engine in the same
 *       run, at the engine level (appends only) and at the command level (two application instances in the same
 *       JVM, one as shipped, one with the plain engine on a table without chain columns);</li>
 *   <li><b>checkpoint lag</b> under a sustained incident-lifecycle load;</li>
 *   <li><b>the ledger at scale</b> ({@code bench.ledger.sizes}): admission rate, proof generation and verification
 *       times, and whole-store verification throughput next to a plain read of the same rows.</li>
 * </ol>
 */
public final class LedgerBenchmark {

    public static final String NAME = "ledger";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        List<String> parts = list(BenchmarkSettings.string("bench.ledger.parts", "chain,lag,scale"));
        BenchmarkRunner.Settings settings = new BenchmarkRunner.Settings(
                BenchmarkSettings.integer("bench.threads", 4),
                BenchmarkSettings.integer("bench.warmup", 600),
                BenchmarkSettings.integer("bench.incidents", 600),
                BenchmarkSettings.integer("bench.rounds", 4));
        BenchmarkRunner.Settings engineSettings = new BenchmarkRunner.Settings(settings.threads(),
                BenchmarkSettings.integer("bench.ledger.engine-warmup", 1200),
                BenchmarkSettings.integer("bench.ledger.engine-units", 1200), settings.rounds());
        List<String> chainWorkloads = list(BenchmarkSettings.string("bench.ledger.chain-workloads",
                "trivial-counter,incident-lifecycle"));
        int lagSeconds = BenchmarkSettings.integer("bench.ledger.lag-seconds", 30);
        List<Long> sizes = list(BenchmarkSettings.string("bench.ledger.sizes", "100000,1000000")).stream()
                .map(Long::parseLong).sorted().toList();
        int eventsPerAggregate = BenchmarkSettings.integer("bench.ledger.events-per-aggregate", 11);
        int payloadBytes = BenchmarkSettings.integer("bench.ledger.payload-bytes", 300);
        int proofs = BenchmarkSettings.integer("bench.ledger.proofs", 1000);
        int incrementalEvents = BenchmarkSettings.integer("bench.ledger.incremental-events", 10_000);
        long idleTimeoutMillis = BenchmarkSettings.integer("bench.idle-timeout-ms", 120_000);
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", NAME);
        report.put("description", "Tamper-evident ledger: chain cost (chained vs plain JDBC engine, same run),"
                + " checkpoint lag under load, admission, proof generation/verification and whole-store"
                + " verification at " + sizes + " events.");
        Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
        environment.put("springBootVersion", SpringBootVersion.getVersion());
        report.put("environment", environment);
        Map<String, Object> settingsJson = new LinkedHashMap<>();
        settingsJson.put("parts", parts);
        settingsJson.put("commandLevel", settings);
        settingsJson.put("engineLevel", engineSettings);
        settingsJson.put("chainWorkloads", chainWorkloads);
        settingsJson.put("lagSeconds", lagSeconds);
        settingsJson.put("sizes", sizes);
        settingsJson.put("eventsPerAggregate", eventsPerAggregate);
        settingsJson.put("payloadBytes", payloadBytes);
        settingsJson.put("proofs", proofs);
        settingsJson.put("incrementalEvents", incrementalEvents);
        report.put("settings", settingsJson);
        long begin = System.nanoTime();

        if (parts.contains("chain") || parts.contains("lag")) {
            try (ScratchDatabase chainedDb = ScratchDatabase.create("incident_ledger_bench_chained");
                 BenchApplication chained = BenchApplication.start(chainedDb, List.of())) {
                environment.put("axonVersion", chained.axonVersion());
                environment.put("database", Map.of("product", "PostgreSQL",
                        "serverVersion", chainedDb.serverVersion(),
                        "poolSize", chained.context().getEnvironment()
                                .getProperty("spring.datasource.hikari.maximum-pool-size", "default")));
                environment.put("ledger", Map.of(
                        "admitInterval", prop(chained, "incident-ledger.ledger.admit-interval"),
                        "checkpointInterval", prop(chained, "incident-ledger.ledger.checkpoint-interval"),
                        "admitBatchSize", prop(chained, "incident-ledger.ledger.admit-batch-size")));
                if (parts.contains("chain")) {
                    Map<String, Object> chainCost = new LinkedHashMap<>();
                    chainCost.put("description", "candidate = the application's chained engine, baseline = Axon's"
                            + " plain JdbcEventStorageEngine on the same table without prev_hash/entry_hash;"
                            + " ratio = candidate / baseline (throughput below 1 is the cost)");
                    System.out.printf("ledger: chain cost, engine level (%d threads, %d units of %d appends)%n",
                            engineSettings.threads(), engineSettings.measuredUnits(),
                            EngineAppendWorkload.EVENTS_PER_UNIT);
                    chainCost.put("engineLevel", engineLevel(chained, engineSettings));
                    try (ScratchDatabase plainDb = ScratchDatabase.create("incident_ledger_bench_plain");
                         BenchApplication plain = BenchApplication.start(plainDb,
                                 List.of(PlainEngineConfiguration.class),
                                 "spring.main.allow-bean-definition-overriding=true")) {
                        checkPlain(plain);
                        Map<String, Object> commandLevel = new LinkedHashMap<>();
                        for (String workload : chainWorkloads) {
                            System.out.printf("ledger: chain cost, command level, %s%n", workload);
                            commandLevel.put(workload, commandLevel(workload, chained, plain, settings,
                                    idleTimeoutMillis));
                        }
                        chainCost.put("commandLevel", commandLevel);
                    }
                    report.put("chainCost", chainCost);
                    write(output, report);
                }
                if (parts.contains("lag")) {
                    System.out.printf("ledger: checkpoint lag, %d s of incident lifecycles from %d clients%n",
                            lagSeconds, settings.threads());
                    Map<String, Object> lag = CheckpointLag.measure(chained, settings.threads(), lagSeconds,
                            idleTimeoutMillis);
                    System.out.printf("  %.1f commands/s; lag from command return p50 %s ms, p99 %s ms, max %s ms%n",
                            (double) lag.get("commandsPerSecond"),
                            ((Map<?, ?>) lag.get("lagFromCommandReturnMillis")).get("p50"),
                            ((Map<?, ?>) lag.get("lagFromCommandReturnMillis")).get("p99"),
                            ((Map<?, ?>) lag.get("lagFromCommandReturnMillis")).get("max"));
                    report.put("checkpointLag", lag);
                    write(output, report);
                }
            }
        }
        if (parts.contains("scale") && !sizes.isEmpty()) {
            try (ScratchDatabase scaleDb = ScratchDatabase.create("incident_ledger_bench_scale");
                 BenchApplication application = BenchApplication.start(scaleDb, List.of())) {
                LedgerAtScale scale = new LedgerAtScale(application, scaleDb, eventsPerAggregate, payloadBytes,
                        proofs, incrementalEvents);
                List<Map<String, Object>> atSizes = new java.util.ArrayList<>();
                report.put("atScale", atSizes);
                for (long size : sizes) {
                    System.out.printf("ledger: at %,d events%n", size);
                    long sizeBegin = System.nanoTime();
                    Map<String, Object> result = scale.measureAt(size);
                    result.put("wallSeconds", Math.round((System.nanoTime() - sizeBegin) / 1e6) / 1000.0);
                    atSizes.add(result);
                    write(output, report);
                }
            }
        }
        report.put("runSeconds", Math.round((System.nanoTime() - begin) / 1e6) / 1000.0);
        report.put("timestamp", Instant.now().toString());
        Path file = write(output, report);
        System.out.println("written " + file.toAbsolutePath());
    }

    private static Object engineLevel(BenchApplication application, BenchmarkRunner.Settings settings)
            throws InterruptedException {
        JdbcTemplate jdbc = application.bean(JdbcTemplate.class);
        jdbc.execute(PlainEventTable.createLike("bench_chained_event_entry", true));
        jdbc.execute(PlainEventTable.createLike("bench_plain_event_entry", false));
        Serializer eventSerializer = application.context().getBean("eventSerializer", Serializer.class);
        TransactionManager transactions = application.bean(TransactionManager.class);
        MetaData actor = ActorMetadata.ofService("bench", "RESPONDER");
        JdbcEventStorageEngine.Builder chainedBuilder = engine(application, eventSerializer, transactions)
                .schema(PlainEngineConfiguration.schemaOn("bench_chained_event_entry"))
                .appendEvents(new ChainedAppendStatement(new ChainHeads(10_000)));
        JdbcEventStorageEngine.Builder plainBuilder = engine(application, eventSerializer, transactions)
                .schema(PlainEngineConfiguration.schemaOn("bench_plain_event_entry"));
        EventStorageEngine chained = chainedBuilder.build();
        EventStorageEngine plain = plainBuilder.build();
        Workload baseline = new EngineAppendWorkload("plain-engine-append", "Axon's JdbcEventStorageEngine, default"
                + " append statement, table without chain columns; 11 single-event appends per unit",
                plain, transactions, actor);
        Workload candidate = new EngineAppendWorkload("chained-engine-append", "the same engine with"
                + " ChainedAppendStatement (predecessor read, SHA-256, two more columns) on a copy of"
                + " domain_event_entry; 11 single-event appends per unit", chained, transactions, actor);
        BenchmarkRunner runner = new BenchmarkRunner(settings, () -> { }, System.out);
        BenchmarkRunner.Outcome outcome = runner.compare(baseline, candidate);
        BenchmarkReport.printSummary(System.out, outcome);
        return outcome;
    }

    private static JdbcEventStorageEngine.Builder engine(BenchApplication application, Serializer eventSerializer,
                                                         TransactionManager transactions) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(eventSerializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(application.bean(PersistenceExceptionResolver.class))
                .connectionProvider(application.bean(ConnectionProvider.class))
                .transactionManager(transactions)
                .batchSize(1000);
    }

    private static Object commandLevel(String workloadName, BenchApplication chained, BenchApplication plain,
                                       BenchmarkRunner.Settings settings, long idleTimeoutMillis)
            throws InterruptedException {
        MetaData actor = ActorMetadata.ofService("bench", "RESPONDER");
        JdbcTemplate chainedJdbc = chained.bean(JdbcTemplate.class);
        BenchmarkRunner runner = new BenchmarkRunner(settings, () -> {
            plain.awaitProcessorsCaughtUp(idleTimeoutMillis);
            chained.awaitProcessorsCaughtUp(idleTimeoutMillis);
            awaitLedgerCaughtUp(chainedJdbc, idleTimeoutMillis);
        }, System.out);
        Workload baseline = workload(workloadName, plain.bean(CommandGateway.class), actor);
        Workload candidate = workload(workloadName, chained.bean(CommandGateway.class), actor);
        BenchmarkRunner.Outcome outcome = runner.compare(renamed(baseline, "plain-engine"),
                renamed(candidate, "chained-engine"));
        BenchmarkReport.printSummary(System.out, outcome);
        return outcome;
    }

    private static Workload workload(String name, CommandGateway gateway, MetaData actor) {
        return switch (name) {
            case "trivial-counter" -> new CounterWorkload(gateway, actor);
            case "incident-lifecycle" -> new IncidentLifecycleWorkload(gateway, actor, null);
            default -> throw new IllegalArgumentException("bench.ledger.chain-workloads: unknown workload " + name);
        };
    }

    private static Workload renamed(Workload workload, String engine) {
        return new Workload() {
            @Override
            public String name() {
                return workload.name() + "@" + engine;
            }

            @Override
            public String description() {
                return workload.description() + " (" + engine + ")";
            }

            @Override
            public int commandsPerUnit() {
                return workload.commandsPerUnit();
            }

            @Override
            public void runUnit(long unit, benchmarks.harness.LatencyRecorder recorder) throws Exception {
                workload.runUnit(unit, recorder);
            }
        };
    }

    /** Waits until every stored event is a leaf of the log (the admitter has no backlog). */
    private static void awaitLedgerCaughtUp(JdbcTemplate jdbc, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Boolean caughtUp = jdbc.queryForObject("""
                    SELECT (SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry)
                           = (SELECT COALESCE(MAX(global_index), 0) FROM ledger_leaf)""", Boolean.class);
            if (Boolean.TRUE.equals(caughtUp)) {
                return;
            }
            Thread.sleep(20);
        }
        System.out.println("  !! the ledger admitter did not catch up within " + timeoutMillis + " ms");
    }

    /** The plain instance must really be writing to the plain table, and the chained one to the chained table. */
    private static void checkPlain(BenchApplication plain) {
        EventStorageEngine engine = plain.bean(EventStorageEngine.class);
        if (!(engine instanceof JdbcEventStorageEngine)) {
            throw new IllegalStateException("the plain application runs " + engine.getClass());
        }
        Long table = plain.bean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = ?"
                        + " AND column_name IN ('prev_hash', 'entry_hash')", Long.class, PlainEventTable.TABLE);
        if (table == null || table != 0) {
            throw new IllegalStateException(PlainEventTable.TABLE + " has chain columns");
        }
    }

    private static String prop(BenchApplication application, String key) {
        return application.context().getEnvironment().getProperty(key, "default");
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static Path write(Path directory, Map<String, Object> report) throws java.io.IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(NAME + ".json");
        JSON.writeValue(file.toFile(), report);
        return file;
    }
}
