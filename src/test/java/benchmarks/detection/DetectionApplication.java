package benchmarks.detection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import benchmarks.harness.ScratchDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The application as shipped (profiles {@code postgres} and {@code demo}, for the demo user {@code detector}) on a
 * scratch database, serving HTTP on 127.0.0.1 and a random port. Like {@code benchmarks.BenchApplication}, but the
 * extra settings are passed as command-line arguments, so that they outrank {@code application.yml} (the rules'
 * defaults there, e.g. the large-transfer thresholds, would otherwise win over default properties). The
 * detection-storm benchmark ({@code benchmarks.storm}) starts it too.
 */
public final class DetectionApplication implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Path ledgerDirectory;

    private DetectionApplication(ConfigurableApplicationContext context, Path ledgerDirectory) {
        this.context = context;
        this.ledgerDirectory = ledgerDirectory;
    }

    public static DetectionApplication start(ScratchDatabase database, List<String> extraArguments) {
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
                "--incident-ledger.ledger.signing-key-file=" + ledgerDirectory.resolve("ledger-signing.key"),
                "--incident-ledger.ledger.witness-file=" + ledgerDirectory.resolve("ledger-witness.checkpoint"),
                "--incident-ledger.api-tokens.hash-key-file=" + ledgerDirectory.resolve("api-token-hash.key"),
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
        return new DetectionApplication(context, ledgerDirectory);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Creates an API token for one role through the API, as the demo admin would, and answers the value to send as
     * {@code Authorization}: {@code Bearer ilt_…}.
     */
    public String createApiToken(String name, String role) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port()
                        + "/api/admin/api-tokens"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"role\": \"" + role
                        + "\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating an API token: HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return "Bearer " + new ObjectMapper().readTree(response.body()).path("token").asText();
    }

    /** Waits until every streaming event processor has processed up to the store's head. */
    public void awaitProcessorsCaughtUp(long timeoutMillis) throws InterruptedException {
        org.axonframework.config.Configuration axon = context.getBean(org.axonframework.config.Configuration.class);
        TrackingToken headToken = context.getBean(EventStore.class).createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        if (head < 0) {
            return; // nothing stored (the rules-off instance): nothing to catch up with
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
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
