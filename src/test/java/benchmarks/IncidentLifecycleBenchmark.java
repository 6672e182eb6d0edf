package benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkRunner;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.ScratchDatabase;
import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark: commands per second and per-command latency of the incident lifecycle (report, then ten transitions)
 * against PostgreSQL, next to the same workload on a trivial Axon aggregate, in the same JVM and database.
 * Writes {@code target/bench/incident-lifecycle.json}. Run with {@code ./mvnw -Pbench test-compile exec:java};
 * see {@code docs/benchmarks.md}.
 */
public final class IncidentLifecycleBenchmark {

    static final String NAME = "incident-lifecycle";

    private IncidentLifecycleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        BenchmarkRunner.Settings settings = new BenchmarkRunner.Settings(
                BenchmarkSettings.integer("bench.threads", 4),
                BenchmarkSettings.integer("bench.warmup", 600),
                BenchmarkSettings.integer("bench.incidents", 600),
                BenchmarkSettings.integer("bench.rounds", 4));
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));
        long idleTimeoutMillis = BenchmarkSettings.integer("bench.idle-timeout-ms", 120_000);

        try (ScratchDatabase database = ScratchDatabase.create("incident_ledger_bench")) {
            System.out.printf("benchmark %s: database %s, %d threads, %d warm-up + %d measured units per workload"
                            + " in %d rounds%n", NAME, database.jdbcUrl(), settings.threads(), settings.warmupUnits(),
                    settings.measuredUnits(), settings.rounds());
            try (ConfigurableApplicationContext context = start(database)) {
                CommandGateway gateway = context.getBean(CommandGateway.class);
                MetaData actor = ActorMetadata.ofService("bench", "RESPONDER");
                org.axonframework.config.Configuration axon =
                        context.getBean(org.axonframework.config.Configuration.class);
                EventStore eventStore = context.getBean(EventStore.class);
                BenchmarkRunner runner = new BenchmarkRunner(settings,
                        () -> awaitProcessorsCaughtUp(axon, eventStore, idleTimeoutMillis), System.out);

                BenchmarkRunner.Outcome outcome = runner.compare(new CounterWorkload(gateway, actor),
                        new IncidentLifecycleWorkload(gateway, actor));

                Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
                environment.put("springBootVersion", SpringBootVersion.getVersion());
                environment.put("axonVersion", axonVersion());
                environment.put("database", Map.of(
                        "product", "PostgreSQL",
                        "serverVersion", database.serverVersion(),
                        "url", database.jdbcUrl(),
                        "poolSize", context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size",
                                "default")));
                environment.put("eventProcessors", new ArrayList<>(
                        axon.eventProcessingConfiguration().eventProcessors().keySet()));
                Path file = BenchmarkReport.write(output, NAME,
                        "Incident lifecycle (report + 10 transitions, 11 commands per unit) against PostgreSQL,"
                                + " with a trivial Axon aggregate doing the same number of commands as baseline."
                                + " Latencies in milliseconds per command; ratio is candidate / baseline.",
                        outcome, environment);
                BenchmarkReport.printSummary(System.out, outcome);
                System.out.println("written " + file.toAbsolutePath());
            }
        }
    }

    private static ConfigurableApplicationContext start(ScratchDatabase database) {
        List<String> arguments = List.of(
                // command-line arguments outrank application-postgres.yml and the INCIDENT_LEDGER_DB_* variables
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password());
        return new SpringApplicationBuilder(IncidentLedgerApplication.class, BenchConfig.class)
                .profiles("postgres")
                // SecurityConfiguration needs HttpSecurity, which exists only in a servlet web application, so the
                // context cannot start with web-application-type none: run the servlet container, bound to the
                // loopback interface on a random port. No benchmark request goes through HTTP.
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.main.banner-mode=off",
                        "spring.main.log-startup-info=false",
                        "logging.level.root=WARN",
                        "logging.level.org.flywaydb=WARN",
                        "springdoc.api-docs.enabled=false",
                        "axon.update-check.disabled=true")
                .run(arguments.toArray(String[]::new));
    }

    /** Waits until every streaming event processor (the projections) has processed up to the store's head. */
    private static void awaitProcessorsCaughtUp(org.axonframework.config.Configuration axon, EventStore eventStore,
                                                long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        while (true) {
            boolean caughtUp = true;
            for (EventProcessor processor : axon.eventProcessingConfiguration().eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming) {
                    Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
                    if (status.isEmpty()) {
                        caughtUp = false;
                    }
                    for (EventTrackerStatus segment : status.values()) {
                        OptionalLong position = segment.getCurrentPosition();
                        if (segment.isErrorState() || position.isEmpty() || position.getAsLong() < head) {
                            caughtUp = false;
                        }
                    }
                }
            }
            if (caughtUp) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                System.out.println("  !! event processors did not catch up within " + timeoutMillis + " ms");
                return;
            }
            Thread.sleep(50);
        }
    }

    private static String axonVersion() {
        try (InputStream in = EventStore.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.axonframework/axon-messaging/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
