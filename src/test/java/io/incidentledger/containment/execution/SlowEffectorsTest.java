package io.incidentledger.containment.execution;

import static io.incidentledger.containment.execution.ApiWaits.WAIT;
import static io.incidentledger.containment.execution.ApiWaits.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.incidentledger.outbound.SigningReceiver;
import io.incidentledger.testing.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The containment executor in the whole application (H2) against two real receivers on local ports: a key management
 * system that answers at once, and a custody back office (the withdrawal-control port) that the test makes hang or
 * fail. A receiver that hangs holds up no other incident's containment; dismissing an incident stops its step, and
 * the receiver hears nothing more of it; reopening the incident lets a commander try that step again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:slow-effectors;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-${random.uuid}.checkpoint"
})
class SlowEffectorsTest {

    private static final String SECRET = "slow-effectors-test-secret";
    private static final String CUSTODY_PORT = "incident-ledger.containment.effectors.withdrawal-control.";
    private static final String KMS_PORT = "incident-ledger.containment.effectors.key-management.";
    /** How long the custody port waits for an answer: far longer than containing another incident takes. */
    private static final Duration CUSTODY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CUSTODY_BACKOFF = Duration.ofSeconds(5);

    /** How the custody back office answers the next deliveries. */
    enum Custody { ANSWERS, FAILS, HANGS }

    private static final AtomicReference<Custody> CUSTODY_MODE = new AtomicReference<>(Custody.ANSWERS);
    private static final AtomicReference<CountDownLatch> RELEASE = new AtomicReference<>(new CountDownLatch(0));
    private static final SigningReceiver KMS = receiver((exchange, delivery) ->
            SigningReceiver.respond(exchange, 200, "{\"reference\":\"kms-" + delivery.number() + "\"}"));
    private static final SigningReceiver CUSTODY = receiver((exchange, delivery) -> {
        switch (CUSTODY_MODE.get()) {
            case ANSWERS -> SigningReceiver.respond(exchange, 200, "{\"reference\":\"custody-" + delivery.number()
                    + "\"}");
            case FAILS -> SigningReceiver.respond(exchange, 503, "{\"error\":\"maintenance\"}");
            case HANGS -> {
                try {
                    RELEASE.get().await(CUSTODY_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                SigningReceiver.respond(exchange, 503, "{\"error\":\"too late\"}");
            }
        }
    });

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @DynamicPropertySource
    static void effectors(DynamicPropertyRegistry registry) {
        registry.add(KMS_PORT + "mode", () -> "webhook");
        registry.add(KMS_PORT + "url", () -> KMS.url("/revocations").toString());
        registry.add(KMS_PORT + "secret", () -> SECRET);
        registry.add(CUSTODY_PORT + "mode", () -> "webhook");
        registry.add(CUSTODY_PORT + "url", () -> CUSTODY.url("/freezes").toString());
        registry.add(CUSTODY_PORT + "secret", () -> SECRET);
        registry.add(CUSTODY_PORT + "timeout", () -> CUSTODY_TIMEOUT.toSeconds() + "s");
        registry.add(CUSTODY_PORT + "retry.initial-backoff", () -> CUSTODY_BACKOFF.toSeconds() + "s");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        CUSTODY_MODE.set(Custody.ANSWERS);
        RELEASE.set(new CountDownLatch(1));
    }

    @AfterEach
    void releaseTheHangingRequest() {
        RELEASE.get().countDown();
    }

    @AfterAll
    static void stopTheReceivers() {
        KMS.close();
        CUSTODY.close();
    }

    @Test
    void aReceiverThatHangsHoldsUpNoOtherIncidentsContainment() {
        String channel = registerChannel();
        String key = "hot-" + shortId();
        String address = randomAddress();
        registerKey(key, address);
        CUSTODY_MODE.set(Custody.HANGS);
        String frozen = report("Withdrawal queue tampered with");
        String freeze = requestFreeze(frozen, channel);
        await().atMost(WAIT).until(() -> deliveriesFor(CUSTODY, freeze) == 1);

        Instant detected = Instant.now();
        String revoked = detect(address);
        awaitJson("/api/assets/signing-keys/" + key, view -> "REVOKED".equals(text(view.get("asset"), "state")));
        Duration took = Duration.between(detected, Instant.now());

        assertThat(took).as("detection to revoked key while the custody call hangs")
                .isLessThan(CUSTODY_TIMEOUT.dividedBy(2));
        JsonNode waiting = stepOf(frozen, freeze);
        assertThat(text(waiting, "status")).isEqualTo("READY");
        assertThat(text(waiting, "lastError")).as("no outcome of the hanging attempt yet").isNull();
        assertThat(text(api.get("commander", "/api/incidents/" + revoked).json(), "incidentId")).isEqualTo(revoked);
    }

    @Test
    void dismissingAnIncidentWithARetryPendingStopsItsStepAndTheReceiverHearsNoMoreOfIt() {
        Dismissed dismissed = dismissedWithARetryPending();

        JsonNode failed = awaitJson(stepPath(dismissed.incident, dismissed.freeze),
                step -> "FAILED".equals(text(step, "status")));
        assertThat(text(failed, "lastError")).isEqualTo("attempt 2 not made: the incident was dismissed");
        sleepUntil(dismissed.retryDueAt.plusSeconds(2));
        assertThat(deliveriesFor(CUSTODY, dismissed.freeze)).as("attempts the receiver got").isEqualTo(1);
        assertThat(text(api.get("commander", "/api/assets/withdrawal-channels/" + dismissed.channel).json()
                .get("asset"), "state")).isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM association_value_entry WHERE saga_type = ? AND"
                + " association_value = ?", Long.class, "io.incidentledger.containment.saga.ContainmentSaga",
                dismissed.incident)).as("the incident's containment saga ended").isZero();
        assertThat(jdbc.query("SELECT task_data FROM scheduled_tasks", (row, n) -> new String(row.getBytes(1),
                StandardCharsets.UTF_8))).as("deadlines left about the step")
                .noneMatch(data -> data.contains(dismissed.freeze));
    }

    @Test
    void aStepTheDismissalStoppedRunsWhenACommanderRetriesItAfterReopening() {
        Dismissed dismissed = dismissedWithARetryPending();
        String step = stepPath(dismissed.incident, dismissed.freeze);
        awaitJson(step, view -> "FAILED".equals(text(view, "status")));
        CUSTODY_MODE.set(Custody.ANSWERS);

        assertThat(api.post("commander", "/api/incidents/" + dismissed.incident + "/reopening",
                "{\"reason\":\"the rebalancing was not scheduled\"}").status()).isEqualTo(204);
        assertThat(api.post("commander", step + "/retry", "").status()).isEqualTo(204);

        JsonNode executed = awaitJson(step, view -> "EXECUTED".equals(text(view, "status")));
        assertThat(text(executed, "decidedBy")).isEqualTo("commander");
        awaitJson("/api/assets/withdrawal-channels/" + dismissed.channel,
                view -> "FROZEN".equals(text(view.get("asset"), "state")));
        assertThat(CUSTODY.deliveries()).filteredOn(delivery -> dismissed.freeze.equals(delivery.idempotencyKey()))
                .extracting(delivery -> delivery.body().contains("\"attempt\":2")).containsExactly(false, true);
    }

    /** An incident dismissed while its freeze, refused by the custody back office once, waits for its next attempt. */
    private record Dismissed(String channel, String incident, String freeze, Instant retryDueAt) {
    }

    private Dismissed dismissedWithARetryPending() {
        String channel = registerChannel();
        CUSTODY_MODE.set(Custody.FAILS);
        String incident = report("Withdrawals to an unknown wallet");
        String freeze = requestFreeze(incident, channel);
        JsonNode retryPending = awaitJson(stepPath(incident, freeze), step -> step.path("attempts").asInt() == 1
                && "READY".equals(text(step, "status")) && text(step, "nextAttemptAt") != null);
        assertThat(api.post("commander", "/api/incidents/" + incident + "/dismissal",
                "{\"reason\":\"a test transfer by the treasury team\"}").status()).isEqualTo(204);
        return new Dismissed(channel, incident, freeze, Instant.parse(text(retryPending, "nextAttemptAt")));
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static SigningReceiver receiver(SigningReceiver.Script script) {
        try {
            return SigningReceiver.start(SECRET, script);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long deliveriesFor(SigningReceiver receiver, String stepId) {
        return receiver.deliveries().stream().filter(delivery -> stepId.equals(delivery.idempotencyKey())).count();
    }

    private String registerChannel() {
        String name = "eth-hot-" + shortId();
        ApiClient.Response registered = api.post("admin", "/api/assets/withdrawal-channels", "{\"name\":\"" + name
                + "\",\"asset\":\"ETH\",\"venue\":\"main exchange\",\"wallets\":[{\"chain\":\"ethereum\","
                + "\"address\":\"" + randomAddress() + "\"}]}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        awaitJson("/api/assets/withdrawal-channels/" + name, view -> "OPEN".equals(text(view.get("asset"), "state")));
        return name;
    }

    private void registerKey(String name, String address) {
        ApiClient.Response registered = api.post("admin", "/api/assets/signing-keys", "{\"name\":\"" + name
                + "\",\"purpose\":\"HOT_WALLET\",\"chain\":\"ethereum\",\"address\":\"" + address + "\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        awaitJson("/api/assets/signing-keys/" + name, view -> "ACTIVE".equals(text(view.get("asset"), "state")));
    }

    private String report(String title) {
        ApiClient.Response reported = api.post("responder", "/api/incidents",
                "{\"title\":\"" + title + "\",\"severity\":\"HIGH\",\"category\":\"OTHER\"}");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return reported.json().get("incidentId").asString();
    }

    private String detect(String address) {
        ApiClient.Response detected = api.post("detector", "/api/detections", "{\"source\":\"siem\","
                + "\"sourceAlertId\":\""
                + UUID.randomUUID() + "\",\"name\":\"Hot wallet key used from an unknown host\",\"severity\":\"HIGH\","
                + "\"category\":\"KEY_COMPROMISE\",\"chainId\":\"1\",\"addresses\":[\"" + address + "\"]}");
        assertThat(detected.status()).as(detected.body()).isEqualTo(201);
        return detected.json().get("incidentId").asString();
    }

    private String requestFreeze(String incident, String channel) {
        ApiClient.Response requested = api.post("commander", "/api/incidents/" + incident + "/containment/steps",
                "{\"action\":\"FREEZE_WITHDRAWALS\",\"target\":{\"type\":\"WITHDRAWAL_CHANNEL\",\"identifier\":\""
                        + channel + "\"},\"reason\":\"outflows to an unknown wallet\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        return requested.json().get("stepId").asString();
    }

    private static String stepPath(String incident, String stepId) {
        return "/api/incidents/" + incident + "/containment/steps/" + stepId;
    }

    private JsonNode stepOf(String incident, String stepId) {
        return api.get("commander", stepPath(incident, stepId)).json();
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> condition) {
        return ApiWaits.awaitJson(api, path, condition);
    }

    private static void sleepUntil(Instant instant) {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }


    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String randomAddress() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }
}
