package benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import benchmarks.harness.AutovacuumStandIn;
import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkRunner;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.ScratchDatabase;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark: commands per second and per-command latency of the incident lifecycle (report, then ten transitions)
 * against PostgreSQL, next to the same workload on a trivial Axon aggregate, in the same JVM and database.
 * Writes {@code target/bench/incident-lifecycle.json}. Run with {@code ./mvnw -Pbench test-compile exec:java};
 * see {@code docs/benchmarks.md}.
 */
public final class IncidentLifecycleBenchmark {

    public static final String NAME = "incident-lifecycle";

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

        try (ScratchDatabase database = ScratchDatabase.create("incident_ledger_bench");
             AutovacuumStandIn vacuum = AutovacuumStandIn.start(database)) {
            System.out.printf("benchmark %s: database %s, %d threads, %d warm-up + %d measured units per workload"
                            + " in %d rounds%n", NAME, database.jdbcUrl(), settings.threads(), settings.warmupUnits(),
                    settings.measuredUnits(), settings.rounds());
            try (BenchApplication application = BenchApplication.start(database, List.of())) {
                ConfigurableApplicationContext context = application.context();
                CommandGateway gateway = context.getBean(CommandGateway.class);
                MetaData actor = ActorMetadata.ofService("bench", "RESPONDER");
                org.axonframework.config.Configuration axon = application.axon();
                BenchmarkRunner runner = new BenchmarkRunner(settings,
                        () -> application.awaitProcessorsCaughtUp(idleTimeoutMillis), System.out);

                BenchmarkRunner.Outcome outcome = runner.compare(new CounterWorkload(gateway, actor),
                        new IncidentLifecycleWorkload(gateway, actor));

                Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
                environment.put("springBootVersion", SpringBootVersion.getVersion());
                environment.put("axonVersion", application.axonVersion());
                environment.put("database", Map.of(
                        "product", "PostgreSQL",
                        "serverVersion", database.serverVersion(),
                        "url", database.jdbcUrl(),
                        "poolSize", context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size",
                                "default")));
                environment.put("eventProcessors", new ArrayList<>(
                        axon.eventProcessingConfiguration().eventProcessors().keySet()));
                environment.put("vacuum", vacuum.describe());
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
}
