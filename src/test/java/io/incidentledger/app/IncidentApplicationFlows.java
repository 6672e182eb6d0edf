package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.incidentledger.common.Limits;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.incident.query.IncidentRegisterProjection;
import io.incidentledger.incident.query.IncidentTimelineProjection;
import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.CheckpointSigner;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.ProofVerifier;
import io.incidentledger.ledger.verify.ChainVerifier;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.FortaScanNodes;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Response-team flows against the whole running application: HTTP, security, Axon, the JDBC event store and the
 * projections. Subclasses choose the database.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class IncidentApplicationFlows {

    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NOTE = "{\"text\":\"paged the on-call engineer\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    TransactionManager axonTransactionManager;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    SagaStore<?> sagaStore;

    @Autowired
    CommandGateway commands;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    ChainVerifier chainVerifier;

    @Autowired
    LedgerLog ledgerLog;

    @Autowired
    CheckpointSigner checkpointSigner;

    @Autowired
    LedgerVerification verification;

    ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void aHighIncidentGoesFromReportToClosureWithEveryStepInItsTimeline() {
        ApiClient api = api();
        String id = report(api, "responder", "HIGH", null);
        String path = "/api/incidents/" + id;
        expectNoContent(api.post("responder", path + "/acknowledgement", null));
        expectNoContent(api.post("responder", path + "/triage", """
                {"severity":"HIGH","category":"DATA_BREACH",
                 "affectedAssets":[{"type":"SIGNING_KEY","identifier":"hot-wallet-1"},
                                   {"type":"WALLET","identifier":"0xabc","chain":"ethereum"}]}"""));
        expectNoContent(api.post("commander", path + "/assignments",
                "{\"role\":\"COMMANDER\",\"assignee\":\"alice\"}"));
        expectNoContent(api.post("responder", path + "/escalation",
                "{\"severity\":\"CRITICAL\",\"reason\":\"funds moving\"}"));
        expectNoContent(api.post("responder", path + "/notes", "{\"text\":\"paged the custody team\"}"));
        expectNoContent(api.post("responder", path + "/evidence", """
                {"name":"paste.txt","sha256":"%s","location":"s3://evidence/paste.txt"}""".formatted("ab".repeat(32))));
        expectNoContent(api.post("responder", path + "/containment-actions", """
                {"action":"REVOKE_KEY","target":{"type":"SIGNING_KEY","identifier":"hot-wallet-1"}}"""));
        expectNoContent(api.post("responder", path + "/containment", "{\"summary\":\"key revoked\"}"));
        expectNoContent(api.post("responder", path + "/eradication", null));
        expectNoContent(api.post("responder", path + "/recovery", null));
        expectNoContent(api.post("commander", path + "/resolution", "{\"summary\":\"key rotated\"}"));

        ApiClient.Response refused = api.post("commander", path + "/closure", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("review-required");

        expectNoContent(api.post("commander", path + "/review", """
                {"rootCause":"key in CI logs","lessonsLearned":"scrub logs","actionItems":["add log scrubbing"]}"""));
        expectNoContent(api.post("commander", path + "/closure", null));

        JsonNode incident = awaitIncident(api, id, view -> view.path("status").asString().equals("CLOSED"));
        assertThat(incident.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(incident.path("times").path("containedAt").isNull()).isFalse();
        assertThat(incident.path("times").path("closedAt").isNull()).isFalse();
        assertThat(incident.path("affectedAssets")).hasSize(2);
        assertThat(incident.path("assignees").get(0).path("assignee").asString()).isEqualTo("alice");
        assertThat(incident.path("evidence").get(0).path("sha256").asString()).isEqualTo("ab".repeat(32));
        assertThat(incident.path("containmentActions").get(0).path("action").asString()).isEqualTo("REVOKE_KEY");
        assertThat(incident.path("review").path("actionItems").get(0).asString()).isEqualTo("add log scrubbing");
        JsonNode timeline = incident.path("timeline");
        assertThat(timeline).hasSize(14);
        assertThat(timeline.get(0).path("type").asString()).isEqualTo("IncidentReported");
        assertThat(timeline.get(13).path("type").asString()).isEqualTo("IncidentClosed");
        assertThat(timeline.get(13).path("actor").asString()).isEqualTo("commander");
        assertThat(timeline.get(13).path("actorRoles").asString()).isEqualTo("COMMANDER");
    }

    @Test
    void everyStoredEventNamesTheUserAndRoleThatCausedIt() {
        ApiClient api = api();
        String id = report(api, "detector", "MEDIUM", null);
        expectNoContent(api.post("responder", "/api/incidents/" + id + "/acknowledgement", null));

        List<Map<String, Object>> metaData = jdbc.query(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (row, index) -> JSON.readValue(row.getBytes("meta_data"), Map.class), id);
        assertThat(metaData).hasSize(2);
        assertThat(metaData.get(0)).containsEntry("actor", "detector").containsEntry("actorType", "SERVICE")
                .containsEntry("actorRoles", "DETECTOR");
        assertThat(metaData.get(1)).containsEntry("actor", "responder").containsEntry("actorType", "USER")
                .containsEntry("actorRoles", "RESPONDER");
        JsonNode incident = awaitIncident(api, id, view -> view.path("status").asString().equals("ACKNOWLEDGED"));
        assertThat(incident.path("source").asString()).isEqualTo("DETECTION");
    }

    @Test
    void aCommandThatNamesNoActorIsRefusedAndStoresNothing() {
        IncidentId id = IncidentId.of(UUID.randomUUID());
        ReportIncident anonymous = new ReportIncident(id, "no actor", null, Severity.LOW, Category.OTHER,
                IncidentSource.MANUAL, null, Instant.parse("2026-01-01T00:00:00Z"));

        assertThatThrownBy(() -> commands.sendAndWait(anonymous)).hasMessageContaining("names no actor");
        assertThat(eventCount(id.value())).isZero();
    }

    @Test
    void everyStoredEventIsChainedToItsPredecessorAndVerifies() {
        ApiClient api = api();
        String id = report(api, "responder", "MEDIUM", null);
        expectNoContent(api.post("responder", "/api/incidents/" + id + "/acknowledgement", null));
        expectNoContent(api.post("responder", "/api/incidents/" + id + "/notes", "{\"text\":\"checked\"}"));

        List<StoredEvent> events = storedEvents.ofAggregate(id);

        assertThat(events).hasSize(3);
        assertThat(events.get(0).previousHash()).isEqualTo(EventHash.GENESIS);
        assertThat(events.get(1).previousHash()).isEqualTo(events.get(0).entryHash());
        assertThat(events.get(2).previousHash()).isEqualTo(events.get(1).entryHash());
        assertThat(events).allSatisfy(event -> assertThat(event.entryHash()).isEqualTo(event.expectedHash()));
        assertThat(chainVerifier.verifyAggregate(id)).isEmpty();
    }

    @Test
    void anIncidentsEventsReachASignedCheckpointAndProveTheirInclusion() {
        ApiClient api = api();
        String id = report(api, "responder", "HIGH", null);
        expectNoContent(api.post("responder", "/api/incidents/" + id + "/acknowledgement", null));

        await().atMost(VIEW_WAIT).until(() -> ledgerLog.leavesOfAggregate(id).size() == 2
                && ledgerLog.latestCheckpoint().map(checkpoint -> checkpoint.treeSize()).orElse(0L)
                > ledgerLog.leavesOfAggregate(id).get(1).leafIndex());
        LedgerLog.StoredCheckpoint checkpoint = ledgerLog.latestCheckpoint().orElseThrow();
        Checkpoint signed = Checkpoint.parse(new NoteVerifier(checkpointSigner.verifierKey()).verify(checkpoint.note()));

        assertThat(signed.treeSize()).isEqualTo(checkpoint.treeSize());
        for (LedgerLog.Leaf leaf : ledgerLog.leavesOfAggregate(id)) {
            assertThat(ProofVerifier.verifyInclusion(MerkleHashes.leafHash(leaf.entryHash()), leaf.leafIndex(),
                    signed.treeSize(), ledgerLog.inclusionProof(leaf.leafIndex(), signed.treeSize()),
                    signed.rootHash())).isTrue();
        }
        LedgerVerification.Report incident = verification.verifyAggregate(id);
        assertThat(incident.findings()).isEmpty();
        assertThat(incident.leavesChecked()).isEqualTo(2);
        LedgerVerification.Report store = verification.verifyStore();
        assertThat(store.findings()).isEmpty();
        assertThat(store.intact()).isTrue();
    }

    @Test
    void anEventWhoseTransactionCommitsLateIsAdmittedAndAHoleIsOnlyPassedOnceSettled() throws Exception {
        ApiClient api = api();
        try (Connection slow = dataSource.getConnection(); Connection rolledBack = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            rolledBack.setAutoCommit(false);
            String lateEvent = insertProbeEvent(slow);
            insertProbeEvent(rolledBack);
            long heldIndex = globalIndexSeenBy(slow, lateEvent);

            String id = report(api, "responder", "LOW", null);
            expectNoContent(api.post("responder", "/api/incidents/" + id + "/acknowledgement", null));
            await().atMost(VIEW_WAIT).until(() -> ledgerLog.leavesOfAggregate(id).size() == 2);
            Thread.sleep(500);

            assertThat(ledgerLog.leafOfEvent(lateEvent)).isEmpty();
            assertThat(lowWater()).isLessThan(heldIndex);

            rolledBack.rollback();
            slow.commit();
            await().atMost(VIEW_WAIT).until(() -> ledgerLog.leafOfEvent(lateEvent).isPresent());
            assertThat(ledgerLog.leafOfEvent(lateEvent).orElseThrow().leafIndex())
                    .isGreaterThan(ledgerLog.leavesOfAggregate(id).get(1).leafIndex());
            long highest = jdbc.queryForObject("SELECT MAX(global_index) FROM ledger_leaf", Long.class);
            await().atMost(VIEW_WAIT).until(() -> lowWater() >= highest);
        }
    }

    @Test
    void aDetectionOpensAnIncidentARedeliveryIsRecognisedAndAStrongerOneJoinsAndRaisesIt() {
        ApiClient api = api();
        String subject = "0x" + UUID.randomUUID().toString().replace("-", "");
        ApiClient.Response opened = api.post("detector", "/api/detections", envelope("alert-1", "MEDIUM", subject));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().path("outcome").asString()).isEqualTo("OPENED");
        String id = opened.json().path("incidentId").asString();
        assertThat(opened.location()).isEqualTo("/api/incidents/" + id);

        ApiClient.Response again = api.post("detector", "/api/detections", envelope("alert-1", "MEDIUM", subject));
        ApiClient.Response stronger = api.post("detector", "/api/detections", envelope("alert-2", "CRITICAL", subject));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(again.json().path("incidentId").asString()).isEqualTo(id);
        assertThat(stronger.json().path("outcome").asString()).isEqualTo("ATTACHED");
        assertThat(stronger.json().path("incidentId").asString()).isEqualTo(id);
        JsonNode incident = awaitIncident(api, id, view -> view.path("detections").size() == 2);
        assertThat(incident.path("source").asString()).isEqualTo("DETECTION");
        assertThat(incident.path("severity").asString()).isEqualTo("CRITICAL");
        JsonNode first = incident.path("detections").get(0);
        assertThat(first.path("sourceAlertId").asString()).isEqualTo("siem/alert-1");
        assertThat(first.path("payloadSha256").asString()).hasSize(64);
        assertThat(first.path("addresses").get(0).asString()).isEqualTo(subject);
        assertThat(incident.path("times").path("detectedAt").asString())
                .isEqualTo(first.path("receivedAt").asString());
    }

    /** What the API accepts, every view holds: the longest values a detection may carry. */
    /**
     * A Forta scan node's batch with the node's own JWT (testing.FortaScanNodes, as forta-core-go makes it): the
     * events name the node, a service with role DETECTOR.
     */
    @Test
    void aScanNodesBatchIsRecordedInTheNameOfTheScanNode() {
        ApiClient api = api();
        String alertHash = "0x" + UUID.randomUUID().toString().replace("-", "");
        String batch = """
                {"alerts":[{"addresses":["0x00000000000000000000000000000000000000b0"],"alertId":"SCAN-NODE-%s",\
                "createdAt":"2026-02-28T23:59:58.123456789Z","description":"d","findingType":"INFORMATION",\
                "hash":"%s","labels":null,"name":"Scan node alert","protocol":"ethereum","relatedAlerts":null,\
                "severity":"HIGH","source":{"block":{"chainId":1,"hash":"0x5b","number":21875000,\
                "timestamp":"0x67c24dbe"},"bot":{"id":"0x17"}}}]}""".formatted(alertHash, alertHash);
        String jwt = FortaScanNodes.jwt(FortaScanNodes.SEED, Instant.now(), UUID.randomUUID().toString());

        ApiClient.Response answered = api.withBearer(jwt, "POST", "/api/detections/forta/batch", batch);

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("results").get(0).path("outcome").asString()).isEqualTo("OPENED");
        String id = answered.json().path("results").get(0).path("incidentId").asString();
        JsonNode reported = awaitIncident(api, id, view -> view.path("detections").size() == 1).path("timeline")
                .get(0);
        assertThat(reported.path("actor").asString()).isEqualTo("forta-scan-node:scan-node-1");
        assertThat(reported.path("actorType").asString()).isEqualTo("SERVICE");
        assertThat(reported.path("actorRoles").asString()).isEqualTo("DETECTOR");
    }

    @Test
    void aDetectionWithTheLongestAcceptedValuesOpensAnIncidentThatEveryViewShows() {
        ApiClient api = api();
        String subject = "0x" + UUID.randomUUID().toString().replace("-", "");
        String name = "N".repeat(Limits.NAME);
        String body = """
                {"source":"%s","sourceAlertId":"%s","name":"%s","description":"%s","severity":"HIGH",
                 "category":"FRAUDULENT_TRANSACTION","chainId":"%s","addresses":["%s"]}"""
                .formatted("s".repeat(Limits.SOURCE), "a".repeat(Limits.NAME), name, "d".repeat(Limits.TEXT),
                        "c".repeat(Limits.CHAIN), subject);

        ApiClient.Response opened = api.post("detector", "/api/detections", body);

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().path("incidentId").asString();
        JsonNode incident = awaitIncident(api, id, view -> view.path("detections").size() == 1);
        assertThat(incident.path("detections").get(0).path("name").asString()).isEqualTo(name);
        assertThat(incident.path("detections").get(0).path("sourceAlertId").asString())
                .endsWith("a".repeat(Limits.NAME));
        await().atMost(VIEW_WAIT).untilAsserted(() -> assertThat(api.get("regulator", "/api/incidents?size=200").json()
                .path("items").findValuesAsString("incidentId")).contains(id));
    }

    @Test
    void concurrentDetectionsOfOneSubjectEndUpInOneIncident() throws Exception {
        ApiClient api = api();
        String subject = "0x" + UUID.randomUUID().toString().replace("-", "");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<ApiClient.Response>> deliveries = new ArrayList<>();
            for (int alert = 0; alert < 12; alert++) {
                String body = envelope("storm-" + (alert % 6), "HIGH", subject);
                deliveries.add(() -> api.post("detector", "/api/detections", body));
            }
            List<ApiClient.Response> responses = pool.invokeAll(deliveries).stream()
                    .map(IncidentApplicationFlows::get).toList();

            assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.body())
                    .isIn(200, 201));
            assertThat(responses.stream().map(response -> response.json().path("incidentId").asString())
                    .distinct()).hasSize(1);
            assertThat(responses.stream().filter(response -> response.json().path("outcome").asString()
                    .equals("OPENED"))).hasSize(1);
            String id = responses.get(0).json().path("incidentId").asString();
            // six different alerts, each delivered twice: six detections, the repeats recognised
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type LIKE '%DetectionAttached'", Long.class, id)).isEqualTo(6);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedTransitionStoresNothing() {
        ApiClient api = api();
        String id = report(api, "responder", "LOW", null);
        long before = eventCount(id);

        ApiClient.Response refused = api.post("responder", "/api/incidents/" + id + "/eradication", null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("illegal-transition");
        assertThat(eventCount(id)).isEqualTo(before);
    }

    /** A client's mistake is the client's: the log gets no stack trace for it (and so no 158-line 404). */
    @Test
    void refusalsForAnUnknownIncidentOrInvalidValuesLogNoStackTrace(CapturedOutput output) {
        ApiClient api = api();
        String unknown = UUID.randomUUID().toString();

        assertThat(api.post("responder", "/api/incidents/" + unknown + "/acknowledgement", null).status())
                .isEqualTo(404);
        assertThat(api.post("responder", "/api/incidents/" + unknown + "/notes", "{\"text\":\"hello\"}").status())
                .isEqualTo(404);
        assertThat(api.get("responder", "/api/incidents/" + unknown).status()).isEqualTo(404);
        // valid at the edge, refused by the aggregate as it is created
        assertThat(api.post("commander", "/api/assets/withdrawal-channels", "{\"name\":\"w-" + unknown + "\"}")
                .status()).isEqualTo(422);

        // what these requests log, and nothing another thread or cached application happens to log meanwhile
        assertThat(output.getAll()).doesNotContain(unknown, "names its asset, its venue");
    }

    // --- Idempotency-Key on every state-changing request ---

    /** The answer was lost in a cut connection: the client's retry stores nothing more and gets the first answer. */
    @Test
    void aNoteRetriedWithItsIdempotencyKeyIsStoredOnceAndTheRetryGetsTheFirstAnswer() {
        ApiClient api = api();
        String id = report(api, "responder", "LOW", null);
        String key = "note-" + UUID.randomUUID();
        long before = eventCount(id);

        ApiClient.Response first = api.post("responder", "/api/incidents/" + id + "/notes", NOTE, key);
        ApiClient.Response retry = api.post("responder", "/api/incidents/" + id + "/notes", NOTE, key);

        assertThat(first.status()).as(first.body()).isEqualTo(204);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(204);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventCount(id)).isEqualTo(before + 1);
    }

    @Test
    void aKeySentAgainWithAnotherRequestIsRefusedAndStoresNothing() {
        ApiClient api = api();
        String id = report(api, "responder", "LOW", null);
        String key = "note-" + UUID.randomUUID();
        assertThat(api.post("responder", "/api/incidents/" + id + "/notes", NOTE, key).status()).isEqualTo(204);
        long before = eventCount(id);

        ApiClient.Response other = api.post("responder", "/api/incidents/" + id + "/notes",
                "{\"text\":\"something else\"}", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency-key-reused");
        assertThat(eventCount(id)).isEqualTo(before);
    }

    @Test
    void aRefusedRequestKeepsNothingNotEvenItsKey() {
        ApiClient api = api();
        String id = report(api, "responder", "LOW", null);
        String key = "try-" + UUID.randomUUID();
        long before = eventCount(id);

        ApiClient.Response refused = api.post("responder", "/api/incidents/" + id + "/eradication", null, key);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(eventCount(id)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotent_request WHERE idempotency_key = ?",
                Long.class, key)).isZero();

        assertThat(api.post("responder", "/api/incidents/" + id + "/notes", NOTE, key).status()).isEqualTo(204);
        assertThat(eventCount(id)).isEqualTo(before + 1);
    }

    @Test
    void aKeyBelongsToItsPrincipal() {
        ApiClient api = api();
        String id = report(api, "responder", "LOW", null);
        String key = "shared-" + UUID.randomUUID();
        long before = eventCount(id);

        assertThat(api.post("responder", "/api/incidents/" + id + "/notes", NOTE, key).status()).isEqualTo(204);
        ApiClient.Response commanders = api.post("commander", "/api/incidents/" + id + "/notes", NOTE, key);

        assertThat(commanders.status()).isEqualTo(204);
        assertThat(commanders.header("Idempotent-Replayed")).isNull();
        assertThat(eventCount(id)).isEqualTo(before + 2);
    }

    @Test
    void aCreatedAnswerIsRepeatedWithItsLocationAndBody() {
        ApiClient api = api();
        String name = "key-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"name\":\"" + name + "\",\"purpose\":\"HOT_WALLET\"}";
        String key = "register-" + name;

        ApiClient.Response first = api.post("admin", "/api/assets/signing-keys", body, key);
        ApiClient.Response retry = api.post("admin", "/api/assets/signing-keys", body, key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.location()).isEqualTo(first.location()).isNotNull();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.post("admin", "/api/assets/signing-keys", body).status()).as("without the key").isEqualTo(409);
    }

    @Test
    void aContainmentStepKeySentAgainWithAnotherStepIsRefused() {
        ApiClient api = api();
        String id = report(api, "responder", "LOW", null);
        String key = "step-" + UUID.randomUUID();
        String notify = "{\"action\":\"NOTIFY\",\"reason\":\"tell the custody team\"}";
        ApiClient.Response first = api.post("commander", "/api/incidents/" + id + "/containment/steps", notify, key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);

        ApiClient.Response repeat = api.post("commander", "/api/incidents/" + id + "/containment/steps", notify, key);
        ApiClient.Response other = api.post("commander", "/api/incidents/" + id + "/containment/steps",
                "{\"action\":\"NOTIFY\",\"reason\":\"tell the regulator\"}", key);

        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.location()).isEqualTo(first.location());
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency-key-reused");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.ContainmentStepRequested'", Long.class, id)).isOne();
    }

    /** An encoded spelling of a path is the path: its key is kept as well. */
    @Test
    void aNoteRetriedUnderAnEncodedPathIsStoredOnce() {
        ApiClient api = api();
        String id = report(api, "responder", "LOW", null);
        String key = "encoded-" + UUID.randomUUID();
        long before = eventCount(id);

        assertThat(api.post("responder", "/%61pi/incidents/" + id + "/notes", NOTE, key).status()).isEqualTo(204);
        ApiClient.Response retry = api.post("responder", "/%61pi/incidents/" + id + "/notes", NOTE, key);

        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventCount(id)).isEqualTo(before + 1);
    }

    @Test
    void concurrentRetriesOfOneNoteStoreItOnce() throws Exception {
        ApiClient api = api();
        String id = report(api, "responder", "LOW", null);
        String key = "storm-" + UUID.randomUUID();
        long before = eventCount(id);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<ApiClient.Response>> retries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                retries.add(() -> api.post("responder", "/api/incidents/" + id + "/notes", NOTE, key));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiClient.Response> answer : pool.invokeAll(retries)) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).contains(204).allMatch(status -> status == 204 || status == 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventCount(id)).isEqualTo(before + 1);
    }

    @Test
    void aRetriedReportWithTheSameIdempotencyKeyReturnsTheFirstIncident() throws Exception {
        ApiClient api = api();
        String key = "retry-" + UUID.randomUUID();
        String body = reportBody("HIGH");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ApiClient.Response>> attempts = List.of(
                    () -> api.post("responder", "/api/incidents", body, key),
                    () -> api.post("responder", "/api/incidents", body, key),
                    () -> api.post("responder", "/api/incidents", body, key),
                    () -> api.post("responder", "/api/incidents", body, key));
            List<ApiClient.Response> responses = pool.invokeAll(attempts).stream().map(IncidentApplicationFlows::get)
                    .toList();
            assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(201));
            assertThat(responses.stream().map(ApiClient.Response::location).distinct()).hasSize(1);
            assertThat(responses.stream().filter(response -> response.header("Idempotent-Replayed") == null))
                    .as("one report made the incident, the others were told they repeated it").hasSize(1);
            String id = responses.get(0).json().path("incidentId").asString();
            assertThat(eventCount(id)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdempotencyKeyReusedForAnotherReportIsRefused() {
        ApiClient api = api();
        String key = "reuse-" + UUID.randomUUID();
        assertThat(api.post("responder", "/api/incidents", reportBody("HIGH"), key).status()).isEqualTo(201);

        ApiClient.Response reused = api.post("responder", "/api/incidents", reportBody("LOW"), key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void theRegisterFiltersByStatusAndSeverity() {
        ApiClient api = api();
        String id = report(api, "responder", "CRITICAL", null);
        expectNoContent(api.post("commander", "/api/incidents/" + id + "/dismissal",
                "{\"reason\":\"test alert\"}"));
        awaitIncident(api, id, view -> view.path("status").asString().equals("DISMISSED"));

        JsonNode page = api.get("regulator", "/api/incidents?status=DISMISSED&severity=CRITICAL&size=200").json();

        assertThat(page.path("items").valueStream().map(item -> item.path("incidentId").asString()))
                .contains(id);
        assertThat(page.path("items").valueStream().map(item -> item.path("status").asString()))
                .containsOnly("DISMISSED");
    }

    @Test
    void replayingTheProjectionsFromZeroRebuildsTheSameViews() {
        ApiClient api = api();
        String id = report(api, "responder", "HIGH", null);
        expectNoContent(api.post("responder", "/api/incidents/" + id + "/acknowledgement", null));
        expectNoContent(api.post("commander", "/api/incidents/" + id + "/assignments",
                "{\"role\":\"SCRIBE\",\"assignee\":\"bob\"}"));
        awaitIncident(api, id, view -> view.path("timeline").size() == 3);

        // another test's incident may get an event (a deadline's warning) while the views are rebuilt: then again
        for (int attempt = 1; ; attempt++) {
            long head = storeHead();
            Map<String, List<Map<String, Object>>> before = views();

            replay(IncidentRegisterProjection.PROCESSING_GROUP);
            replay(IncidentTimelineProjection.PROCESSING_GROUP);

            await().atMost(VIEW_WAIT).until(() -> views().equals(before) || storeHead() != head);
            if (storeHead() == head || attempt == 3) {
                assertThat(views()).isEqualTo(before);
                return;
            }
        }
    }

    private long storeHead() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
    }

    @Test
    void axonStoresEventsTokensAndSagasInTheDatabaseInSpringsTransactions() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(sagaStore).isInstanceOf(JdbcSagaStore.class);
    }

    @Test
    void operationalEndpointsNeedAuthenticationAndTheAdminRole() {
        ApiClient api = api();
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(401);
        // up once the processors have caught up after the start (docs/operations.md, "Actuator endpoints")
        await().atMost(VIEW_WAIT).until(() -> api.get("responder", "/actuator/health").status() == 200);
        assertThat(api.get("responder", "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api.get("admin", "/actuator/prometheus").status()).isEqualTo(200);
        assertThat(api.get("admin", "/actuator/env").status()).isEqualTo(404);
        assertThat(api.get(null, "/v3/api-docs").status()).isEqualTo(401);
        ApiClient.Response openApi = api.get("regulator", "/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().path("paths").has("/api/incidents/{id}/closure")).isTrue();
    }

    String report(ApiClient api, String user, String severity, String idempotencyKey) {
        ApiClient.Response response = api.post(user, "/api/incidents", reportBody(severity), idempotencyKey);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String id = response.json().path("incidentId").asString();
        assertThat(response.location()).isEqualTo("/api/incidents/" + id);
        return id;
    }

    private static String reportBody(String severity) {
        return """
                {"title":"Suspicious withdrawal","description":"large outflow","severity":"%s",
                 "category":"FRAUDULENT_TRANSACTION","occurredAt":"2026-01-01T10:00:00Z",
                 "detectedAt":"2026-01-01T10:05:00Z"}""".formatted(severity);
    }

    private static void expectNoContent(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private JsonNode awaitIncident(ApiClient api, String id, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(VIEW_WAIT).until(() -> {
            ApiClient.Response response = api.get("regulator", "/api/incidents/" + id);
            if (response.status() != 200) {
                return false;
            }
            found[0] = response.json();
            return condition.test(found[0]);
        });
        return found[0];
    }

    private static String envelope(String alertId, String severity, String subject) {
        return """
                {"source":"siem","sourceAlertId":"%s","name":"Drainer contract interaction","severity":"%s",
                 "category":"FRAUDULENT_TRANSACTION","chainId":"1","addresses":["%s"],
                 "transactions":["0xabc"],"labels":[{"label":"drainer","entity":"%s","confidence":0.9}],
                 "observedAt":"2026-01-01T10:00:00Z","rawPayload":{"anything":"goes"}}"""
                .formatted(alertId, severity, subject, subject);
    }

    private long lowWater() {
        return jdbc.queryForObject("SELECT low_water FROM ledger_admitter WHERE id = 1", Long.class);
    }

    /** Inserts a correctly chained one-event stream in the given (uncommitted) transaction; returns its id. */
    private static String insertProbeEvent(Connection connection) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        String timeStamp = Instant.now().toString();
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] metaData = "{\"actor\":\"gap-test\"}".getBytes(StandardCharsets.UTF_8);
        byte[] hash = EventHash.of(eventId, eventId, null, 0, timeStamp, "test.GapProbe", null, payload, metaData,
                EventHash.GENESIS);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data, prev_hash, entry_hash)
                VALUES (?, ?, 0, NULL, ?, 'test.GapProbe', NULL, ?, ?, ?, ?)""")) {
            insert.setString(1, eventId);
            insert.setString(2, eventId);
            insert.setString(3, timeStamp);
            insert.setBytes(4, payload);
            insert.setBytes(5, metaData);
            insert.setBytes(6, EventHash.GENESIS);
            insert.setBytes(7, hash);
            insert.executeUpdate();
        }
        return eventId;
    }

    private static long globalIndexSeenBy(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")) {
            query.setString(1, eventId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private long eventCount(String id) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id);
        return count == null ? 0 : count;
    }

    private Map<String, List<Map<String, Object>>> views() {
        return Map.of(
                "register", jdbc.queryForList("SELECT * FROM incident_register ORDER BY incident_id"),
                "assignees", jdbc.queryForList("SELECT * FROM incident_assignee ORDER BY incident_id, role, assignee"),
                "assets", jdbc.queryForList("SELECT * FROM incident_affected_asset ORDER BY incident_id, position"),
                "evidence", jdbc.queryForList("SELECT * FROM incident_evidence ORDER BY incident_id, sha256"),
                "timeline", jdbc.queryForList("SELECT * FROM incident_timeline ORDER BY incident_id, sequence_number"));
    }

    private void replay(String processingGroup) {
        TrackingEventProcessor processor = eventProcessing
                .eventProcessor(processingGroup, TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
