package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.config.StoredTypeNames;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.testing.ApiClient;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A store written by the service before its message records moved to their features (issue 11): 101 events of
 * every moved type, their chains, log and checkpoints, sagas and deadlines, made by the scripts in
 * {@code src/test/resources/fixtures/store-issue-10/how-it-was-made}. The service of today reads it, verifies it, works
 * on its incidents and keeps writing the names it was written with.
 */
class StoreWrittenBeforeTheMoveTest {

    private static final String FIXTURE = "/fixtures/store-issue-10/";
    /** The fixture's log was signed with a key from this public seed: a test key, not a secret. */
    private static final String KEY_SEED = "incident-ledger stored-events fixture: a public test key, not a secret";
    private static final String CLOSED_AND_REVIEWED = "7745f739-3a54-4dd1-924f-555e2b44a61f";
    private static final String STEP_FAILED = "667595b0-9a0b-4d5f-baff-a0df0e11cc0a";
    private static final String FAILED_STEP = "step-173f88ce660c8122c09aee1e";
    private static final String OLD_PACKAGE = "io.incidentledger.incident.api.";
    private static final List<String> MOVED_EVENTS = List.of("AwarenessRecorded", "ContainmentActionRecorded",
            "ContainmentStepApproved", "ContainmentStepAttemptFailed", "ContainmentStepExecuted",
            "ContainmentStepFailed", "ContainmentStepRefused", "ContainmentStepRequested",
            "ContainmentStepRetryRequested", "ContributingFactorRecorded", "DeadlineApproaching", "DeadlineMissed",
            "DetectionAttached", "ExtortionPaymentRecorded", "MaterialityDetermined", "NotificationDelivered",
            "NotificationDeliveryFailed", "PostIncidentReviewRecorded", "ProcedureChangeRecorded", "RegimesAssessed",
            "RegulatoryClassificationRecorded", "RegulatoryReportSubmitted", "ReviewActionItemAdded",
            "ReviewActionItemClosed", "ReviewActionItemStarted");

    @TempDir
    static Path directory;
    private static String url;
    private static ConfigurableApplicationContext application;
    private static ApiClient api;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void startOnTheFixture() throws IOException, SQLException, GeneralSecurityException {
        Path script = directory.resolve("store.sql.gz");
        try (InputStream in = Objects.requireNonNull(
                StoreWrittenBeforeTheMoveTest.class.getResourceAsStream(FIXTURE + "store.sql.gz"))) {
            Files.copy(in, script);
        }
        try (InputStream in = Objects.requireNonNull(
                StoreWrittenBeforeTheMoveTest.class.getResourceAsStream(FIXTURE + "ledger-witness.checkpoint"))) {
            Files.copy(in, directory.resolve("witness.checkpoint"));
        }
        url = "jdbc:h2:file:" + directory.resolve("store").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("RUNSCRIPT FROM '" + script.toAbsolutePath() + "' COMPRESSION GZIP");
        }
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(KEY_SEED.getBytes(StandardCharsets.UTF_8));
        Path key = directory.resolve("signing.key");
        LedgerKeys.loadOrCreate(key, "incident-ledger.local/log", seeded);

        application = new SpringApplicationBuilder(IncidentLedgerApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--spring.profiles.active=demo",
                "--spring.datasource.url=" + url, "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--incident-ledger.ledger.signing-key-file=" + key,
                "--incident-ledger.ledger.witness-file=" + directory.resolve("witness.checkpoint"),
                "--incident-ledger.ledger.verify-interval=1h");
        api = new ApiClient(Integer.parseInt(
                Objects.requireNonNull(application.getEnvironment().getProperty("local.server.port"))));
        jdbc = application.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (application != null) {
            application.close();
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void everyStoredTypeNameNamesAClassOfToday() {
        Serializer serializer = application.getBean(Serializer.class);
        List<String> names = jdbc.queryForList("SELECT DISTINCT payload_type FROM domain_event_entry", String.class);

        assertThat(names).hasSizeGreaterThan(40);
        assertThat(names).allSatisfy(name -> assertThat(
                serializer.classForType(new SimpleSerializedType(name, null))).isNotEqualTo(UnknownSerializedType.class));
        assertThat(names).as("every moved event type is in the fixture").containsAll(MOVED_EVENTS.stream()
                .map(type -> OLD_PACKAGE + type).toList());
        assertThat(MOVED_EVENTS).allSatisfy(type -> assertThat(StoredTypeNames.all()).containsValue(OLD_PACKAGE + type));
    }

    @Test
    void theStoredEventsAreReadAsTheMovedClasses() {
        List<Object> payloads = application.getBean(EventStore.class).readEvents(STEP_FAILED).asStream()
                .map(DomainEventMessage::getPayload).collect(Collectors.toList());

        assertThat(payloads).hasAtLeastOneElementOfType(ContainmentStepFailed.class);
        assertThat(application.getBean(EventStore.class).readEvents(CLOSED_AND_REVIEWED).asStream()
                .map(DomainEventMessage::getPayload)).hasAtLeastOneElementOfType(PostIncidentReviewRecorded.class);
    }

    @Test
    void theChainsLogAndCheckpointsOfTheOldStoreVerify() {
        JsonNode report = api.get("regulator", "/api/ledger/verification").json();

        assertThat(report.path("findings")).isEmpty();
        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("eventsChecked").asInt()).isGreaterThanOrEqualTo(101);
        assertThat(report.path("checkpointSize").asInt()).isGreaterThanOrEqualTo(101);
    }

    @Test
    void commandsOnOldIncidentsWorkAndNewEventsKeepTheOldNames() {
        ApiClient.Response added = api.post("commander",
                "/api/incidents/" + CLOSED_AND_REVIEWED + "/review/action-items",
                "{\"description\": \"audit every CI log\", \"owner\": \"dave\", \"dueDate\": \"2027-01-31\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("itemId").asText()).as("three items came before it").isEqualTo("A4");
        assertThat(api.post("commander", "/api/incidents/" + STEP_FAILED + "/containment/steps/" + FAILED_STEP
                + "/retry", null).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, STEP_FAILED)).contains(OLD_PACKAGE + "ContainmentStepRetryRequested",
                OLD_PACKAGE + "ContainmentStepExecuted"));
        assertThat(jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number DESC LIMIT 1", String.class, CLOSED_AND_REVIEWED))
                .isEqualTo(OLD_PACKAGE + "ReviewActionItemAdded");
        JsonNode report = api.get("regulator", "/api/ledger/verification").json();
        assertThat(report.path("findings")).isEmpty();
        assertThat(report.path("intact").asBoolean()).isTrue();
    }

    @Test
    void aProjectionReplayedFromTheOldStoreComesOutTheSame() {
        String steps = "SELECT * FROM containment_step WHERE incident_id <> ? ORDER BY incident_id, step_id";
        List<Map<String, Object>> before = jdbc.queryForList(steps, STEP_FAILED);

        TrackingEventProcessor processor = application.getBean(EventProcessingConfiguration.class)
                .eventProcessor("containment-steps", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        assertThat(before).hasSizeGreaterThan(8);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // the reset emptied the view (its reset handler); the replay has caught up once its position reaches the
            // reset position, or has ended already when a newer event (another test's command) came after it
            assertThat(processor.processingStatus()).isNotEmpty().allSatisfy((segment, status) -> assertThat(
                    status.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(
                    status.getResetPosition().orElse(Long.MIN_VALUE)));
            assertThat(jdbc.queryForList(steps, STEP_FAILED)).isEqualTo(before);
        });
    }
}
