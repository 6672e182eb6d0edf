package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.incidentledger.common.Limits;
import io.incidentledger.outbound.SignedWebhook;
import io.incidentledger.testing.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Containment end to end: assets registered over HTTP, detections and responders bringing incidents into a
 * playbook's reach, the key-management port calling a real local receiver (which checks every signature and fails
 * on purpose when told to), commanders approving, and the results on the incident and on the assets. Subclasses
 * choose the database.
 */
abstract class ContainmentApplicationFlows {

    static final String SECRET = "containment-flow-test-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * The key-management system: answers 503 while {@code failuresLeft} is positive, then 200 with a reference. One
     * receiver serves every subclass in the test JVM (their cached contexts point at it), so it is never stopped.
     */
    static final KeyManagementReceiver KMS = KeyManagementReceiver.start();

    @LocalServerPort
    int port;

    ApiClient api;

    static void effectorProperties(DynamicPropertyRegistry registry) {
        registry.add("incident-ledger.containment.effectors.key-management.mode", () -> "webhook");
        registry.add("incident-ledger.containment.effectors.key-management.url", KMS::url);
        registry.add("incident-ledger.containment.effectors.key-management.secret", () -> SECRET);
        registry.add("incident-ledger.containment.effectors.key-management.retry.initial-backoff", () -> "300ms");
        registry.add("incident-ledger.containment.effectors.key-management.retry.max-backoff", () -> "1s");
        registry.add("incident-ledger.containment.effectors.key-management.retry.max-attempts", () -> "3");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        KMS.failuresLeft.set(0);
    }

    @Test
    void aKeyCompromiseDetectionRevokesTheRegisteredKeyThroughTheSignedWebhookAndContainsTheIncident() {
        String key = "hot-" + shortId();
        String address = randomAddress();
        registerKey(key, address);

        String incident = detect("KEY_COMPROMISE", "HIGH", address);

        JsonNode keyView = awaitAsset("/api/assets/signing-keys/" + key, "REVOKED");
        assertThat(text(keyView, "incidentId")).isEqualTo(incident);
        JsonNode view = awaitJson("/api/incidents/" + incident, v -> "CONTAINED".equals(text(v, "status")));
        assertThat(text(view, "status")).isEqualTo("CONTAINED");

        JsonNode revoke = step(incident, "REVOKE_KEY");
        assertThat(text(revoke, "status")).isEqualTo("EXECUTED");
        assertThat(text(revoke, "adapter")).isEqualTo("webhook");
        assertThat(text(revoke, "externalReference")).startsWith("kms-");
        assertThat(text(revoke, "requestedBy")).isEqualTo("containment-playbook");
        assertThat(text(step(incident, "NOTIFY"), "status")).isEqualTo("EXECUTED");

        List<KeyManagementReceiver.Delivery> calls = KMS.deliveriesFor(text(revoke, "stepId"));
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.signatureValid()).isTrue();
            assertThat(call.body()).contains("\"action\":\"REVOKE_KEY\"").contains(key).contains(incident);
        });
    }

    @Test
    void aFailingKeyManagementSystemIsRetriedWithTheSameIdempotencyKeyUntilItRecovers() {
        String key = "hot-" + shortId();
        String address = randomAddress();
        registerKey(key, address);
        KMS.failuresLeft.set(2);

        String incident = detect("KEY_COMPROMISE", "CRITICAL", address);

        awaitAsset("/api/assets/signing-keys/" + key, "REVOKED");
        JsonNode revoke = step(incident, "REVOKE_KEY");
        assertThat(revoke.get("attempts").asInt()).isEqualTo(3);
        List<KeyManagementReceiver.Delivery> calls = KMS.deliveriesFor(text(revoke, "stepId"));
        assertThat(calls).hasSize(3).allSatisfy(call -> assertThat(call.signatureValid()).isTrue());
        String timeline = api.get("commander", "/api/incidents/" + incident).body();
        assertThat(timeline).contains("attempt 1 failed").contains("attempt 2 failed");
    }

    @Test
    void aKeyManagementSystemThatNeverRecoversLeavesAFailedStepACommanderCanRetry() {
        String key = "hot-" + shortId();
        String address = randomAddress();
        registerKey(key, address);
        KMS.failuresLeft.set(1_000);

        String incident = detect("KEY_COMPROMISE", "HIGH", address);
        JsonNode failed = awaitStep(incident, "REVOKE_KEY", s -> "FAILED".equals(text(s, "status")));
        assertThat(text(failed, "lastError")).contains("gave up after 3 attempts").contains("503");
        assertThat(text(api.get("commander", "/api/assets/signing-keys/" + key).json().get("asset"), "state"))
                .isEqualTo("ACTIVE");
        assertThat(text(api.get("commander", "/api/incidents/" + incident).json(), "status")).isNotEqualTo("CONTAINED");

        KMS.failuresLeft.set(0);
        String retry = "/api/incidents/" + incident + "/containment/steps/" + text(failed, "stepId") + "/retry";
        assertThat(api.post("responder", retry, "").status()).isEqualTo(403);
        assertThat(api.post("commander", retry, "").status()).isEqualTo(204);
        awaitAsset("/api/assets/signing-keys/" + key, "REVOKED");
        awaitJson("/api/incidents/" + incident, v -> "CONTAINED".equals(text(v, "status")));
    }

    @Test
    void aNodeCompromiseAtHighWaitsForACommanderAndACommanderUndoesTheIsolation() {
        String node = "validator-" + shortId();
        assertThat(api.post("admin", "/api/assets/nodes",
                "{\"name\":\"" + node + "\",\"role\":\"VALIDATOR\",\"chain\":\"ethereum\"}").status()).isEqualTo(201);
        String incident = api.post("responder", "/api/incidents",
                "{\"title\":\"Validator signing unknown blocks\",\"severity\":\"HIGH\",\"category\":\"NODE_COMPROMISE\"}")
                .json().get("incidentId").asString();
        assertThat(api.post("responder", "/api/incidents/" + incident + "/affected-assets",
                "{\"assets\":[{\"type\":\"NODE\",\"identifier\":\"" + node + "\"}],\"reason\":\"seen in the logs\"}")
                .status()).isEqualTo(204);

        JsonNode waiting = awaitStep(incident, "ISOLATE_NODE", s -> "AWAITING_APPROVAL".equals(text(s, "status")));
        String approval = "/api/incidents/" + incident + "/containment/steps/" + text(waiting, "stepId") + "/approval";
        assertThat(api.post("responder", approval, "{\"comment\":\"go\"}").status()).isEqualTo(403);
        assertThat(api.post("regulator", approval, "{\"comment\":\"go\"}").status()).isEqualTo(403);
        assertThat(text(api.get("commander", "/api/assets/nodes/" + node).json().get("asset"), "state"))
                .isEqualTo("ONLINE");

        assertThat(api.post("commander", approval, "{\"comment\":\"isolate it\"}").status()).isEqualTo(204);
        awaitAsset("/api/assets/nodes/" + node, "ISOLATED");
        JsonNode isolated = step(incident, "ISOLATE_NODE");
        assertThat(text(isolated, "decidedBy")).isEqualTo("commander");
        assertThat(text(isolated, "adapter")).isEqualTo("dry-run");
        assertThat(api.post("commander", approval, "{}").code()).isEqualTo("illegal-step-transition");

        ApiClient.Response undo = api.post("commander", "/api/incidents/" + incident + "/containment/steps",
                "{\"action\":\"RESTORE_NODE\",\"target\":{\"type\":\"NODE\",\"identifier\":\"" + node + "\"},"
                        + "\"reason\":\"node rebuilt from a clean image\"}");
        assertThat(undo.status()).isEqualTo(201);
        assertThat(undo.location()).contains("/containment/steps/step-");
        awaitAsset("/api/assets/nodes/" + node, "ONLINE");
    }

    @Test
    void aRefusedStepNeverRunsAndAStepOnAnUnregisteredAssetFailsVisibly() {
        String incident = api.post("responder", "/api/incidents",
                "{\"title\":\"Vault drained\",\"severity\":\"HIGH\",\"category\":\"SMART_CONTRACT_EXPLOIT\"}")
                .json().get("incidentId").asString();
        String contract = randomAddress();
        api.post("responder", "/api/incidents/" + incident + "/affected-assets",
                "{\"assets\":[{\"type\":\"CONTRACT\",\"identifier\":\"" + contract + "\",\"chain\":\"ethereum\"}],"
                        + "\"reason\":\"the exploited vault\"}");
        JsonNode waiting = awaitStep(incident, "PAUSE_CONTRACT", s -> "AWAITING_APPROVAL".equals(text(s, "status")));
        assertThat(api.post("commander", "/api/incidents/" + incident + "/containment/steps/"
                + text(waiting, "stepId") + "/refusal", "{\"reason\":\"pausing locks user funds\"}").status())
                .isEqualTo(204);
        JsonNode refused = awaitStep(incident, "PAUSE_CONTRACT", s -> "REFUSED".equals(text(s, "status")));
        assertThat(text(refused, "decidedBy")).isEqualTo("commander");
        assertThat(refused.get("attempts").asInt()).isZero();

        ApiClient.Response byHand = api.post("commander", "/api/incidents/" + incident + "/containment/steps",
                "{\"action\":\"PAUSE_CONTRACT\",\"target\":{\"type\":\"CONTRACT\",\"identifier\":\"" + contract
                        + "\",\"chain\":\"ethereum\"},\"reason\":\"pause after all\"}");
        assertThat(byHand.status()).isEqualTo(201);
        String stepId = byHand.json().get("stepId").asString();
        JsonNode failed = awaitJson("/api/incidents/" + incident + "/containment/steps/" + stepId,
                s -> "FAILED".equals(text(s, "status")));
        assertThat(text(failed, "lastError")).contains("is registered");
    }

    /** What the API accepts, the steps view holds: the longest reason a step and its refusal may carry. */
    @Test
    void aStepAndARefusalWithTheLongestAcceptedReasonsShowInTheStepsView() {
        String incident = api.post("responder", "/api/incidents",
                "{\"title\":\"Bridge vault drained\",\"severity\":\"HIGH\",\"category\":\"SMART_CONTRACT_EXPLOIT\"}")
                .json().get("incidentId").asString();
        String reason = "r".repeat(Limits.TEXT);
        ApiClient.Response requested = api.post("commander", "/api/incidents/" + incident + "/containment/steps",
                "{\"action\":\"NOTIFY\",\"reason\":\"" + reason + "\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        JsonNode step = awaitJson("/api/incidents/" + incident + "/containment/steps/"
                + requested.json().get("stepId").asString(), s -> true);
        assertThat(text(step, "reason")).isEqualTo(reason);

        String contract = randomAddress();
        api.post("responder", "/api/incidents/" + incident + "/affected-assets",
                "{\"assets\":[{\"type\":\"CONTRACT\",\"identifier\":\"" + contract + "\",\"chain\":\"ethereum\"}],"
                        + "\"reason\":\"the exploited vault\"}");
        JsonNode waiting = awaitStep(incident, "PAUSE_CONTRACT", s -> "AWAITING_APPROVAL".equals(text(s, "status")));
        String refusal = "n".repeat(Limits.TEXT);
        assertThat(api.post("commander", "/api/incidents/" + incident + "/containment/steps/"
                + text(waiting, "stepId") + "/refusal", "{\"reason\":\"" + refusal + "\"}").status()).isEqualTo(204);
        JsonNode refused = awaitStep(incident, "PAUSE_CONTRACT", s -> "REFUSED".equals(text(s, "status")));
        assertThat(text(refused, "decisionNote")).isEqualTo(refusal);
    }

    @Test
    void containmentStepsOfAnUnknownIncidentAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        assertThat(api.get("commander", "/api/incidents/" + unknown + "/containment/steps").status()).isEqualTo(404);
        assertThat(api.post("commander", "/api/incidents/" + unknown + "/containment/steps/step-0123456789abcdef01234567/approval",
                "{}").status()).isEqualTo(404);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private void registerKey(String name, String address) {
        ApiClient.Response registered = api.post("admin", "/api/assets/signing-keys", "{\"name\":\"" + name
                + "\",\"purpose\":\"HOT_WALLET\",\"chain\":\"ethereum\",\"address\":\"" + address + "\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        awaitAsset("/api/assets/signing-keys/" + name, "ACTIVE");
    }

    private String detect(String category, String severity, String address) {
        ApiClient.Response detected = api.post("detector", "/api/detections", "{\"source\":\"siem\",\"sourceAlertId\":\""
                + UUID.randomUUID() + "\",\"name\":\"Hot wallet key used from an unknown host\",\"severity\":\""
                + severity + "\",\"category\":\"" + category + "\",\"chainId\":\"1\",\"addresses\":[\"" + address
                + "\"]}");
        assertThat(detected.status()).as(detected.body()).isEqualTo(201);
        return detected.json().get("incidentId").asString();
    }

    private JsonNode step(String incident, String action) {
        return awaitStep(incident, action, s -> true);
    }

    private JsonNode awaitStep(String incident, String action, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            ApiClient.Response steps = api.get("commander", "/api/incidents/" + incident + "/containment/steps");
            assertThat(steps.status()).isEqualTo(200);
            JsonNode match = null;
            for (JsonNode step : steps.json()) {
                if (action.equals(text(step, "action")) && condition.test(step)) {
                    match = step;
                }
            }
            assertThat(match).as(action + " step in " + steps.body()).isNotNull();
            found[0] = match;
        });
        return found[0];
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            ApiClient.Response response = api.get("commander", path);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(condition.test(response.json())).as(path + ": " + response.body()).isTrue();
            found[0] = response.json();
        });
        return found[0];
    }

    private JsonNode awaitAsset(String path, String state) {
        return awaitJson(path, view -> state.equals(text(view.get("asset"), "state"))).get("asset");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String randomAddress() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    /** A key-management system on a free local port that checks each delivery's signature as a receiver must. */
    static final class KeyManagementReceiver {

        record Delivery(String idempotencyKey, String body, boolean signatureValid) {
        }

        final HttpServer server;
        final AtomicInteger failuresLeft = new AtomicInteger();
        final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

        private KeyManagementReceiver(HttpServer server) {
            this.server = server;
        }

        static KeyManagementReceiver start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                KeyManagementReceiver receiver = new KeyManagementReceiver(server);
                server.createContext("/kms/revocations", receiver::handle);
                server.start();
                return receiver;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/kms/revocations";
        }

        List<Delivery> deliveriesFor(String idempotencyKey) {
            return deliveries.stream().filter(delivery -> idempotencyKey.equals(delivery.idempotencyKey())).toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String timestamp = exchange.getRequestHeaders().getFirst(SignedWebhook.TIMESTAMP_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(SignedWebhook.SIGNATURE_HEADER);
            String key = exchange.getRequestHeaders().getFirst(SignedWebhook.IDEMPOTENCY_HEADER);
            boolean valid = timestamp != null && signature != null && MessageDigest.isEqual(
                    ("sha256=" + ReceiverHmac.of(SECRET, timestamp + "." + body)).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
            deliveries.add(new Delivery(key, body, valid));
            boolean fail = failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
            byte[] answer = (fail ? "{\"error\":\"unavailable\"}" : "{\"reference\":\"kms-" + deliveries.size() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(valid ? (fail ? 503 : 200) : 401, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** The receiver's own HMAC, written apart from the sender's code so the test checks one against the other. */
    static final class ReceiverHmac {
        static String of(String secret, String message) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
