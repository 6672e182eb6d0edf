package benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.incidentledger.IncidentLedgerApplication;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as shipped (profiles {@code postgres} and {@code demo}, for the demo users {@code admin} and
 * {@code detector}) on a scratch database, serving HTTP on 127.0.0.1 and a random port; the same start-up as the
 * detection benchmark's, with the extra settings (the key-management port's mode) passed as command-line arguments so
 * that they outrank {@code application.yml} and any {@code INCIDENT_LEDGER_*} variables in the environment.
 */
public final class ServedApplication implements AutoCloseable {

    private final String name;
    private final ConfigurableApplicationContext context;
    private final Path ledgerDirectory;

    private ServedApplication(String name, ConfigurableApplicationContext context, Path ledgerDirectory) {
        this.name = name;
        this.context = context;
        this.ledgerDirectory = ledgerDirectory;
    }

    public static ServedApplication start(String name, ScratchDatabase database, List<String> extraArguments) {
        Path ledgerDirectory;
        try {
            ledgerDirectory = Files.createTempDirectory("incident-ledger-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.flyway.user=" + database.user(),
                "--spring.flyway.password=" + database.password(),
                // never ./data: a witness from an earlier run would not match a fresh database
                "--incident-ledger.ledger.signing-key-file=" + ledgerDirectory.resolve("ledger-signing.key"),
                "--incident-ledger.ledger.witness-file=" + ledgerDirectory.resolve("ledger-witness.checkpoint"),
                "--incident-ledger.ledger.verify-interval=3650d"));
        arguments.addAll(extraArguments);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IncidentLedgerApplication.class)
                .profiles("postgres", "demo")
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "spring.main.log-startup-info=false", "logging.level.root=WARN",
                        "logging.level.org.flywaydb=WARN", "springdoc.api-docs.enabled=false",
                        "axon.update-check.disabled=true")
                .run(arguments.toArray(String[]::new));
        return new ServedApplication(name, context, ledgerDirectory);
    }

    public String name() {
        return name;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    public EventStore eventStore() {
        return context.getBean(EventStore.class);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Waits until every streaming event processor has processed up to the store's head, and the head has not moved
     * meanwhile: the sagas send commands while they process, so one caught-up moment is not yet an idle system.
     *
     * @return whether it became idle within the timeout
     */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long head = head();
        while (true) {
            if (caughtUpWith(head)) {
                long now = head();
                if (now == head) {
                    return true;
                }
                head = now;
                continue;
            }
            if (System.currentTimeMillis() > deadline) {
                System.out.println("  !! " + name + ": event processors did not catch up within " + timeoutMillis
                        + " ms");
                return false;
            }
            Thread.sleep(5);
        }
    }

    private long head() {
        TrackingToken headToken = eventStore().createHeadToken();
        return headToken == null ? -1 : headToken.position().orElse(-1);
    }

    private boolean caughtUpWith(long head) {
        if (head < 0) {
            return true;
        }
        org.axonframework.config.Configuration axon = context.getBean(org.axonframework.config.Configuration.class);
        for (EventProcessor processor : axon.eventProcessingConfiguration().eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
                if (status.isEmpty()) {
                    return false;
                }
                for (EventTrackerStatus segment : status.values()) {
                    OptionalLong position = segment.getCurrentPosition();
                    if (segment.isErrorState() || position.isEmpty() || position.getAsLong() < head) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            try (Stream<Path> files = Files.walk(ledgerDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory
            }
        }
    }
}
