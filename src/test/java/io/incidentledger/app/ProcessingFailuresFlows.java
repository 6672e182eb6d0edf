package io.incidentledger.app;

import static io.incidentledger.app.FailureInjection.ALWAYS;
import static io.incidentledger.app.FailureInjection.CONNECTION_FAILURE;
import static io.incidentledger.app.FailureInjection.HANDLER_FAILURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.containment.execution.EffectorStepExecutor;
import io.incidentledger.containment.execution.InterceptedStepExecutor;
import io.incidentledger.containment.saga.StepExecutor;
import io.incidentledger.containment.saga.StepOrder;
import io.incidentledger.testing.ApiClient;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * No event processor skips an event it fails on. Against the whole application, whose database is made to refuse some
 * writes of a projection (a trigger) or whose containment port fails when told to: a projection that fails once handles
 * the event on its retry, and in the middle of a batch handles every event of the batch once; one that keeps failing
 * parks the event, visibly (admin listing, metric, health), goes on with other incidents, and takes the event and the
 * ones parked behind it into its view when it is retried after the fix, on demand or by itself; a failure of the
 * database connection is retried and parks nothing; a saga handler that fails once still does its work, and one that
 * keeps failing stops its processor visibly until it passes. Subclasses choose the database; each class has a database
 * and an application of its own.
 */
abstract class ProcessingFailuresFlows {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REGISTER = "incident-register";
    private static final String CONTAINMENT_SAGA = "ContainmentSagaProcessor";
    /** The containment port fails this many more times before it works again. */
    static final AtomicInteger PORT_FAILURES = new AtomicInteger();

    static ProcessingTestDatabase database;
    static ConfigurableApplicationContext application;
    static FailureInjection failures;
    static JdbcTemplate jdbc;

    static void start(ProcessingTestDatabase chosen) {
        database = chosen;
        List<String> arguments = new ArrayList<>(database.arguments());
        arguments.addAll(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--incident-ledger.ledger.signing-key-file=target/test-ledger/processing/signing.key",
                "--incident-ledger.ledger.witness-file=target/test-ledger/processing/witness-" + UUID.randomUUID()
                        + ".checkpoint",
                "--incident-ledger.processing.attempts-before-parking=2",
                "--incident-ledger.processing.dead-letters.poll-interval=300ms",
                // no automatic retry while a test looks: the test that checks it moves the last try back instead
                "--incident-ledger.processing.dead-letters.initial-backoff=1h"));
        application = new SpringApplicationBuilder(IncidentLedgerApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("portFailingOnDemand",
                        StepExecutor.class, () -> new InterceptedStepExecutor(
                                context.getBean(EffectorStepExecutor.class), ProcessingFailuresFlows::portWorks),
                        definition -> definition.setPrimary(true)))
                .run(arguments.toArray(String[]::new));
        failures = database.failures();
        jdbc = database.jdbc();
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
            application = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @AfterEach
    void removeInjectedFailures() {
        PORT_FAILURES.set(0);
        if (failures != null) {
            failures.removeAll();
        }
    }

    @Test
    void aProjectionThatFailsOnceHandlesTheEventOnItsRetryAndLosesNothing() {
        String marker = marker();
        IntSupplier failed = failures.refuse("incident_register", "title", marker, 1, HANDLER_FAILURE);

        String incident = report("Hot wallet keys exposed " + marker, "DATA_BREACH", "HIGH");

        await().atMost(WAIT).until(() -> api().get("responder", "/api/incidents/" + incident).status() == 200);
        assertThat(failed.getAsInt()).as("the handler did fail once").isOne();
        assertThat(parkedEventsOf(incident)).isEmpty();
    }

    @Test
    void aFailureWithinABatchUndoesTheBatchAndItsRetryHandlesEveryEventOnce() {
        String marker = marker();
        IntSupplier failed = failures.refuse("incident_register", "title", marker, 1, HANDLER_FAILURE);
        EventProcessor register = application.getBean(EventProcessingConfiguration.class).eventProcessor(REGISTER)
                .orElseThrow();
        List<String> incidents = new ArrayList<>();
        // stopped while the three are reported, the processor then finds them waiting: one batch, the failing
        // event in the middle of it
        register.shutDown();
        try {
            incidents.add(report("Deposit address reuse found", "DATA_BREACH", "LOW"));
            incidents.add(report("Signer quorum bypassed " + marker, "DATA_BREACH", "HIGH"));
            incidents.add(report("Withdrawal allow-list edited", "DATA_BREACH", "MEDIUM"));
        } finally {
            register.start();
        }

        await().atMost(WAIT).until(() -> incidents.stream()
                .allMatch(incident -> api().get("responder", "/api/incidents/" + incident).status() == 200));
        assertThat(failed.getAsInt()).as("the handler did fail once").isOne();
        // the first incident's row was written before the failure: had the batch not been undone, handling its
        // event again would have hit the row's key, failed on and been parked
        incidents.forEach(incident -> assertThat(parkedEventsOf(incident)).as(incident).isEmpty());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_register WHERE incident_id IN (?, ?, ?)",
                Long.class, incidents.toArray())).isEqualTo(3);
    }

    @Test
    void aProjectionThatKeepsFailingParksTheEventVisiblyAndTakesItIntoItsViewWhenRetriedAfterTheFix() {
        String marker = marker();
        failures.refuse("incident_register", "title", marker, ALWAYS, HANDLER_FAILURE);
        String parked = report("Bridge validator compromised " + marker, "DATA_BREACH", "HIGH");
        String unaffected = report("Phishing wave against support staff", "DATA_BREACH", "LOW");

        await().atMost(WAIT).until(() -> api().get("responder", "/api/incidents/" + unaffected).status() == 200);
        await().atMost(WAIT).until(() -> parkedEventsOf(parked).size() == 1);
        assertThat(api().post("responder", "/api/incidents/" + parked + "/acknowledgement", null).status())
                .isEqualTo(204);
        List<JsonNode> letters = await().atMost(WAIT).until(() -> parkedEventsOf(parked), list -> list.size() == 2);

        assertThat(letters).extracting(letter -> letter.path("processingGroup").asString()).containsOnly(REGISTER);
        assertThat(letters).extracting(letter -> letter.path("payloadType").asString()).containsExactly(
                "io.incidentledger.incident.api.IncidentReported", "io.incidentledger.incident.api.IncidentAcknowledged");
        assertThat(letters).extracting(letter -> letter.path("position").asInt()).containsExactly(0, 1);
        assertThat(letters.get(0).path("causeMessage").asString()).contains("injected failure for the test");
        assertThat(letters.get(1).path("causeType").isNull()).as("parked behind the first, not failed").isTrue();
        assertThat(api().get("responder", "/api/incidents/" + parked).status()).isEqualTo(404);
        assertThat(metric("incident_ledger_dead_letters", "processing_group", REGISTER)).isEqualTo(2.0);
        JsonNode health = api().get("admin", "/actuator/health").json();
        assertThat(health.path("components").path("deadLetters").path("status").asString()).isEqualTo("DOWN");
        assertThat(health.path("components").path("deadLetters").path("details").path("byProcessingGroup")
                .path(REGISTER).asLong()).isEqualTo(2);
        assertThat(api().get("responder", "/actuator/health/readiness").status())
                .as("a parked event does not take the node out of service: the processor goes on").isEqualTo(200);

        failures.removeAll();
        ApiClient.Response retried = api().post("admin", "/api/admin/dead-letters/" + REGISTER + "/retry", null);

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("sequencesCleared").asInt()).isEqualTo(1);
        assertThat(retried.json().path("stillParked").asLong()).isZero();
        ApiClient.Response view = api().get("responder", "/api/incidents/" + parked);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().path("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(parkedEventsOf(parked)).isEmpty();
        await().atMost(WAIT).until(() -> metric("incident_ledger_dead_letters", "processing_group", REGISTER) == 0.0);
        assertThat(api().get("admin", "/actuator/health").json().path("components").path("deadLetters")
                .path("status").asString()).isEqualTo("UP");
    }

    @Test
    void aParkedEventIsRetriedByItselfOnceItsBackoffHasPassed() {
        String marker = marker();
        failures.refuse("incident_register", "title", marker, ALWAYS, HANDLER_FAILURE);
        String parked = report("Oracle price feed manipulated " + marker, "DATA_BREACH", "MEDIUM");
        await().atMost(WAIT).until(() -> parkedEventsOf(parked).size() == 1);
        failures.removeAll();

        // this application waits an hour before the first retry: let that hour pass for the parked event
        jdbc.update("UPDATE dead_letter_entry SET last_touched = ? WHERE aggregate_identifier = ?",
                DateTimeUtils.formatInstant(Instant.now().minus(Duration.ofHours(2))), parked);

        await().atMost(WAIT).until(() -> api().get("responder", "/api/incidents/" + parked).status() == 200);
        assertThat(parkedEventsOf(parked)).isEmpty();
    }

    @Test
    void aFailureOfTheDatabaseConnectionIsRetriedUntilItPassesAndParksNothing() {
        String marker = marker();
        // more failures than the attempts before parking (2): a connection failure never counts towards them
        IntSupplier failed = failures.refuse("incident_register", "title", marker, 3, CONNECTION_FAILURE);

        String incident = report("Cold storage signer unreachable " + marker, "DATA_BREACH", "HIGH");

        await().atMost(WAIT).until(() -> api().get("responder", "/api/incidents/" + incident).status() == 200);
        assertThat(failed.getAsInt()).as("the connection did fail, more often than parking allows").isEqualTo(3);
        assertThat(parkedEventsOf(incident)).isEmpty();
    }

    @Test
    void aSagaHandlerThatFailsOnceStillDoesItsWork() {
        PORT_FAILURES.set(1);

        String incident = report("Deployer key leaked on a build server", "KEY_COMPROMISE", "HIGH");

        await().atMost(WAIT).until(() -> events(incident, "ContainmentStepExecuted") == 1);
        assertThat(PORT_FAILURES.get()).as("the port did fail once").isZero();
    }

    @Test
    void aSagaHandlerThatKeepsFailingStopsItsProcessorVisiblyUntilItPasses() {
        PORT_FAILURES.set(Integer.MAX_VALUE);

        String incident = report("Multisig signer key exposed in logs", "KEY_COMPROMISE", "HIGH");

        await().atMost(WAIT).until(() -> processor(CONTAINMENT_SAGA).path("state").asString().equals("IN_ERROR"));
        assertThat(processor(CONTAINMENT_SAGA).path("error").asString()).contains("containment port down");
        assertThat(metric("incident_ledger_processor_errors", "processor", CONTAINMENT_SAGA)).isEqualTo(1.0);
        // DOWN in the health once it has been failing for longer than readiness.max-lag (5 s); the node stays ready
        ApiClient.Response health = await().atMost(WAIT).until(() -> api().get("admin", "/actuator/health"),
                response -> "DOWN".equals(response.json().path("components").path("processorErrors").path("status")
                        .asString()));
        assertThat(health.json().path("components").path("processorErrors").path("details").path(CONTAINMENT_SAGA)
                .asString()).contains("containment port down");
        assertThat(api().get("admin", "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api().get("admin", "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(events(incident, "ContainmentStepExecuted")).isZero();

        PORT_FAILURES.set(0);

        await().atMost(WAIT).until(() -> events(incident, "ContainmentStepExecuted") == 1);
        await().atMost(WAIT).until(() -> "UP".equals(api().get("admin", "/actuator/health").json()
                .path("components").path("processorErrors").path("status").asString()));
        assertThat(processor(CONTAINMENT_SAGA).path("state").asString()).isEqualTo("CAUGHT_UP");
    }

    @Test
    void onlyAnAdministratorSeesTheProcessorsAndRetriesParkedEvents() {
        for (String user : List.of("responder", "commander", "detector", "regulator")) {
            assertThat(api().get(user, "/api/admin/dead-letters").status()).as(user).isEqualTo(403);
            assertThat(api().get(user, "/api/admin/event-processors").status()).as(user).isEqualTo(403);
            assertThat(api().post(user, "/api/admin/dead-letters/retry", null).status()).as(user).isEqualTo(403);
        }
        assertThat(api().get(null, "/api/admin/dead-letters").status()).isEqualTo(401);

        assertThat(api().get("admin", "/api/admin/dead-letters").status()).isEqualTo(200);
        assertThat(api().post("admin", "/api/admin/dead-letters/retry", null).status()).isEqualTo(200);
        ApiClient.Response unknown = api().post("admin", "/api/admin/dead-letters/no-such-group/retry", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.code()).isEqualTo("processing-group-not-found");
    }

    private static ApiClient api() {
        return new ApiClient(((WebServerApplicationContext) application).getWebServer().getPort());
    }

    private static String marker() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String report(String title, String category, String severity) {
        ApiClient.Response reported = api().post("responder", "/api/incidents", """
                {"title":"%s","severity":"%s","category":"%s"}""".formatted(title, severity, category));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return reported.json().path("incidentId").asString();
    }

    private static List<JsonNode> parkedEventsOf(String incident) {
        ApiClient.Response listed = api().get("admin", "/api/admin/dead-letters");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        listed.json().path("deadLetters").forEach(letter -> {
            if (incident.equals(letter.path("aggregateIdentifier").asString())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private static JsonNode processor(String name) {
        ApiClient.Response listed = api().get("admin", "/api/admin/event-processors");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        for (JsonNode processor : listed.json()) {
            if (name.equals(processor.path("name").asString())) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + name + " in " + listed.body());
    }

    /** The value of a Prometheus sample with one label, or -1 when it is not there. */
    private static double metric(String name, String label, String value) {
        ApiClient.Response scraped = api().get("admin", "/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        Matcher sample = Pattern.compile("^" + name + "\\{[^}]*" + label + "=\"" + Pattern.quote(value)
                + "\"[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(scraped.body());
        return sample.find() ? Double.parseDouble(sample.group(1)) : -1;
    }

    private static long events(String incident, String payloadType) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = ?", Long.class, incident, "io.incidentledger.incident.api." + payloadType);
        return count == null ? 0 : count;
    }

    /** The application's containment port fails in the saga's handler while {@link #PORT_FAILURES} says so. */
    private static boolean portWorks(StepOrder order) {
        if (PORT_FAILURES.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0) {
            throw new IllegalStateException("containment port down (injected for the test)");
        }
        return true;
    }
}
