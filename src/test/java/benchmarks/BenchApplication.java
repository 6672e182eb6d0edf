package benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

import benchmarks.harness.ScratchDatabase;
import io.incidentledger.IncidentLedgerApplication;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application under benchmark on a scratch database, and the helpers every benchmark needs around it.
 * The ledger's signing key and witness file go to a temporary directory that {@link #close()} removes, never to
 * {@code ./data} (a witness left there by an earlier run would not match the fresh database and raise tamper
 * alarms), and the background verifier is started but effectively never repeats (its first pass runs on the empty
 * store at start-up): the benchmark runs the verification itself when it wants it measured.
 */
public final class BenchApplication implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Path ledgerDirectory;

    private BenchApplication(ConfigurableApplicationContext context, Path ledgerDirectory) {
        this.context = context;
        this.ledgerDirectory = ledgerDirectory;
    }

    /** The application (profile {@code postgres}) plus {@code extraSources}, with {@code extraProperties}. */
    public static BenchApplication start(ScratchDatabase database, List<Class<?>> extraSources,
                                         String... extraProperties) {
        try {
            return start(database, Files.createTempDirectory("incident-ledger-bench-"), extraSources,
                    extraProperties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #start(ScratchDatabase, List, String...)}, with the ledger's signing key and witness file in the given
     * directory (removed when the application is closed): a benchmark that must know the log's key before the start
     * creates it there first.
     */
    public static BenchApplication start(ScratchDatabase database, Path ledgerDirectory, List<Class<?>> extraSources,
                                         String... extraProperties) {
        List<String> arguments = List.of(
                // command-line arguments outrank application-postgres.yml and the INCIDENT_LEDGER_DB_* variables
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                // migrations as the same user (application-postgres.yml would take INCIDENT_LEDGER_MIGRATION_*)
                "--spring.flyway.user=" + database.user(),
                "--spring.flyway.password=" + database.password(),
                "--incident-ledger.ledger.signing-key-file=" + ledgerDirectory.resolve("ledger-signing.key"),
                "--incident-ledger.ledger.witness-file=" + ledgerDirectory.resolve("ledger-witness.checkpoint"),
                "--incident-ledger.ledger.verify-interval=3650d");
        List<Class<?>> sources = new ArrayList<>();
        sources.add(IncidentLedgerApplication.class);
        sources.add(BenchConfig.class);
        sources.addAll(extraSources);
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "spring.main.log-startup-info=false",
                "logging.level.root=WARN",
                "logging.level.org.flywaydb=WARN",
                "springdoc.api-docs.enabled=false",
                "axon.update-check.disabled=true"));
        properties.addAll(List.of(extraProperties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .profiles("postgres")
                // SecurityConfiguration needs HttpSecurity, which exists only in a servlet web application, so the
                // context cannot start with web-application-type none: run the servlet container, bound to the
                // loopback interface on a random port. No benchmark request goes through HTTP.
                .web(WebApplicationType.SERVLET)
                .properties(properties.toArray(String[]::new))
                .run(arguments.toArray(String[]::new));
        return new BenchApplication(context, ledgerDirectory);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public org.axonframework.config.Configuration axon() {
        return context.getBean(org.axonframework.config.Configuration.class);
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            try (Stream<Path> files = Files.walk(ledgerDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory; the OS cleans it up eventually
            }
        }
    }

    /** Waits until every streaming event processor (the projections) has processed up to the store's head. */
    public void awaitProcessorsCaughtUp(long timeoutMillis) throws InterruptedException {
        org.axonframework.config.Configuration axon = axon();
        EventStore eventStore = context.getBean(EventStore.class);
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

    public String axonVersion() {
        return axonVersionOnClassPath();
    }

    static String axonVersionOnClassPath() {
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
