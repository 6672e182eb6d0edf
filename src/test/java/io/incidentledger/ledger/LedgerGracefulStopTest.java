package io.incidentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.LedgerScheduler;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.verify.BackgroundVerifier;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import io.incidentledger.testing.ApiClient;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;

/**
 * A graceful stop leaves nothing the service acknowledged outside the log: events acknowledged just before the stop,
 * by a request still running while the web server drains and by the last pass of a loop that writes events are all
 * admitted and covered by a signed checkpoint once the application has stopped. The admitter runs only at start and
 * at stop here (admit-interval of an hour).
 */
class LedgerGracefulStopTest {

    private static final String FILES = "target/test-ledger/graceful-stop";
    private static final String SIGNING_KEY = FILES + "/signing.key";
    private static final String HOLD = "X-Test-Hold-Until-Stop";

    private final String url = "jdbc:h2:mem:graceful-stop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> noteAtStop = new AtomicReference<>();
    private final CountDownLatch notePassHeld = new CountDownLatch(1);
    private final CompletableFuture<String> noteWritten = new CompletableFuture<>();

    @AfterEach
    void dropTheDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void theLedgerStopsAfterTheWebServerAndAxonAndTheVerifierBeforeAxon() {
        try (ConfigurableApplicationContext application = start()) {
            int scheduler = application.getBean(LedgerScheduler.class).getPhase();
            int verifier = application.getBean(BackgroundVerifier.class).getPhase();
            Map<String, SmartLifecycle> lifecycles = application.getBeansOfType(SmartLifecycle.class);

            assertThat(lifecycles.values()).anySatisfy(lifecycle ->
                    assertThat(lifecycle).isInstanceOf(WebServerGracefulShutdownLifecycle.class));
            assertThat(lifecycles.values()).anySatisfy(lifecycle ->
                    assertThat(lifecycle).isInstanceOf(SpringAxonConfiguration.class));
            // Spring stops the highest phase first: every other lifecycle has stopped before the ledger does, but the
            // logging system, which must outlive it, and Kafka's producer factory, whose stop only closes the
            // producers it made (the consumers and the exports that use them have stopped by then)
            assertThat(lifecycles.values()).allSatisfy(lifecycle -> {
                if (lifecycle instanceof DefaultKafkaProducerFactory<?, ?>) {
                    return;
                }
                if (lifecycle.getClass().getName().startsWith(LoggingApplicationListener.class.getName())) {
                    assertThat(lifecycle.getPhase()).as("logging stops after the ledger").isLessThan(scheduler);
                } else if (!(lifecycle instanceof LedgerScheduler)) {
                    assertThat(lifecycle.getPhase()).as("%s stops before the ledger", lifecycle)
                            .isGreaterThan(scheduler);
                }
            });
            assertThat(scheduler).isLessThan(SpringAxonConfiguration.LIFECYCLE_PHASE)
                    .isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
            assertThat(verifier).as("the verifier raises alarms through Axon: it stops before Axon does")
                    .isGreaterThan(SpringAxonConfiguration.LIFECYCLE_PHASE);
        }
    }

    @Test
    void eventsAcknowledgedJustBeforeAndDuringAGracefulStopAreInTheLogAndSigned() throws Exception {
        ConfigurableApplicationContext application = start();
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        ApiClient api = new ApiClient(port);
        ApiClient.Response reported = api.post("responder", "/api/incidents", """
                {"title":"Stopped gracefully","description":"written while stopping","severity":"LOW",
                 "category":"OTHER","detectedAt":"2026-01-01T10:05:00Z"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String incident = reported.json().path("incidentId").asString();
        for (int note = 0; note < 5; note++) {
            assertThat(api.post("responder", "/api/incidents/" + incident + "/notes",
                    "{\"text\":\"just before the stop " + note + "\"}").status()).isEqualTo(204);
        }
        CompletableFuture<HttpResponse<String>> duringTheStop = heldNote(port, incident);
        assertThat(held.await(30, TimeUnit.SECONDS)).as("the request is in the server").isTrue();

        application.close();

        assertThat(duringTheStop.get(30, TimeUnit.SECONDS).statusCode()).as("acknowledged while draining")
                .isEqualTo(204);
        try (Connection database = DriverManager.getConnection(url, "sa", "")) {
            assertThat(count(database, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    incident)).as("the incident's events: reported, 5 notes before, 1 during the stop")
                    .isGreaterThanOrEqualTo(7);
            assertThat(count(database, """
                    SELECT count(*) FROM domain_event_entry e
                    WHERE NOT EXISTS (SELECT 1 FROM ledger_leaf l WHERE l.global_index = e.global_index)""", null))
                    .as("events outside the log").isZero();
            long leaves = count(database, "SELECT count(*) FROM ledger_leaf", null);
            Checkpoint newest = newestCheckpoint(database);
            assertThat(newest.treeSize()).as("the newest signed checkpoint covers every leaf").isEqualTo(leaves);
        }
    }

    @Test
    void theLastPassOfALoopThatWritesEventsAndARequestDrainedAtTheStopAreBothInTheFinalSignedCheckpoint()
            throws Exception {
        ConfigurableApplicationContext application = start();
        Map<String, BackgroundLoop> loops = application.getBeansOfType(BackgroundLoop.class);
        assertThat(loops.values()).extracting(loop -> loop.getClass().getSimpleName()).contains("LedgerScheduler",
                "BackgroundVerifier", "NotificationDispatcher", "ComplianceDeadlineWatch", "DeadLetterRetrier");
        assertThat(loops.values()).allSatisfy(loop -> {
            if (loop instanceof LedgerScheduler) {
                assertThat(loop.getPhase()).isLessThan(SpringAxonConfiguration.LIFECYCLE_PHASE);
            } else if (loop.getPhase() == BackgroundLoop.READERS_PHASE) {
                // a loop that writes no events but keeps what requests read fresh outlives the requests
                assertThat(loop.getPhase()).as("%s stops after the web server", loop)
                        .isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024)
                        .isGreaterThan(SpringAxonConfiguration.LIFECYCLE_PHASE);
            } else {
                assertThat(loop.getPhase()).as("%s stops before the web server drains", loop)
                        .isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
            }
        });
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        ApiClient.Response reported = new ApiClient(port).post("responder", "/api/incidents", """
                {"title":"Stopped with a loop's pass","description":"written while stopping","severity":"LOW",
                 "category":"OTHER","detectedAt":"2026-01-01T10:05:00Z"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String incident = reported.json().path("incidentId").asString();
        CompletableFuture<HttpResponse<String>> duringTheStop = heldNote(port, incident);
        assertThat(held.await(30, TimeUnit.SECONDS)).as("the request is in the server").isTrue();
        noteAtStop.set(incident);
        assertThat(notePassHeld.await(30, TimeUnit.SECONDS)).as("the loop's pass waits for the stop").isTrue();

        application.close();

        assertThat(noteWritten.get(30, TimeUnit.SECONDS)).as("the loop's last pass, during its stop")
                .isEqualTo("written, not interrupted");
        assertThat(duringTheStop.get(30, TimeUnit.SECONDS).statusCode()).as("acknowledged while draining")
                .isEqualTo(204);
        try (Connection database = DriverManager.getConnection(url, "sa", "")) {
            assertThat(count(database, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    incident)).as("reported, the drained request's note, the loop's note").isEqualTo(3);
            assertThat(count(database, """
                    SELECT count(*) FROM domain_event_entry e
                    WHERE NOT EXISTS (SELECT 1 FROM ledger_leaf l WHERE l.global_index = e.global_index)""", null))
                    .as("events outside the log").isZero();
            long leaves = count(database, "SELECT count(*) FROM ledger_leaf", null);
            assertThat(newestCheckpoint(database).treeSize()).as("the newest signed checkpoint covers every leaf")
                    .isEqualTo(leaves);
        }
    }

    /** A note sent now and held at the server's door until the stop has begun. */
    private CompletableFuture<HttpResponse<String>> heldNote(int port, String incident) {
        return HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/incidents/" + incident + "/notes"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString("responder:responder".getBytes(StandardCharsets.UTF_8)))
                        .header(HOLD, "true")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"while the server drains\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(IncidentLedgerApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("holdUntilStop",
                        FilterRegistrationBean.class, this::holdingFilter))
                .initializers(context -> ((GenericApplicationContext) context).registerBean("releaseAtStop",
                        SmartLifecycle.class, ReleaseBeforeTheServerDrains::new))
                .initializers(context -> ((GenericApplicationContext) context).registerBean("noteWriterAtStop",
                        BackgroundLoop.class, () -> new NoteWriterAtStop(context)))
                .run("--server.port=0", "--server.address=127.0.0.1", "--spring.profiles.active=demo",
                        "--spring.datasource.url=" + url,
                        "--incident-ledger.ledger.signing-key-file=" + SIGNING_KEY,
                        "--incident-ledger.ledger.witness-file=" + FILES + "/" + UUID.randomUUID() + "/witness",
                        "--incident-ledger.ledger.admit-interval=1h",
                        "--incident-ledger.ledger.verify-interval=1h");
    }

    /** Holds a request marked with {@link #HOLD} at the door until the stop has begun. */
    private FilterRegistrationBean<Filter> holdingFilter() {
        Filter filter = (request, response, chain) -> {
            if (((HttpServletRequest) request).getHeader(HOLD) != null) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Lets the held request go on just before the web server starts draining: after every lifecycle of the default
     * phase has stopped, so the request's command runs while the server drains.
     */
    private final class ReleaseBeforeTheServerDrains implements SmartLifecycle {

        private volatile boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            release.countDown();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
        }
    }

    /**
     * A loop that writes events, as the service's own do (same base, same phase): once it has an incident, its pass
     * waits until the loop's stop has begun, then adds a note to the incident.
     */
    private final class NoteWriterAtStop extends BackgroundLoop {

        private final ApplicationContext context;

        NoteWriterAtStop(ApplicationContext context) {
            super("note-writer-at-stop", WRITERS_PHASE, Duration.ofMillis(50), Duration.ZERO, Duration.ofSeconds(30));
            this.context = context;
        }

        @Override
        protected boolean runPass() {
            String incident = noteAtStop.getAndSet(null);
            if (incident == null) {
                return false;
            }
            notePassHeld.countDown();
            try {
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (isRunning() && System.nanoTime() < giveUp) {
                    Thread.sleep(10);
                }
                context.getBean(CommandGateway.class).sendAndWait(ActorMetadata.serviceCommand(
                        new AddNote(new IncidentId(incident), "the last pass of a loop"), "note-writer", Roles.SYSTEM));
                noteWritten.complete("written, " + (Thread.currentThread().isInterrupted() ? "" : "not ")
                        + "interrupted");
            } catch (InterruptedException | RuntimeException e) {
                noteWritten.completeExceptionally(e);
            }
            return false;
        }
    }

    private static long count(Connection database, String sql, String argument) throws SQLException {
        try (PreparedStatement statement = database.prepareStatement(sql)) {
            if (argument != null) {
                statement.setString(1, argument);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The newest checkpoint, verified with the log's public key. */
    private static Checkpoint newestCheckpoint(Connection database) throws SQLException, IOException {
        NoteVerifier verifier = new NoteVerifier(LedgerKeys.load(Path.of(SIGNING_KEY)).verifierKey());
        try (Statement statement = database.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT note FROM ledger_checkpoint ORDER BY tree_size DESC LIMIT 1")) {
            assertThat(row.next()).as("a signed checkpoint").isTrue();
            return Checkpoint.parse(verifier.verify(row.getString(1)));
        }
    }
}
