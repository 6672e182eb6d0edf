package io.incidentledger.containment.effector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.outbound.SignedWebhook;
import io.incidentledger.outbound.SigningReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook adapter against a real HTTP receiver on a local port that checks signature, timestamp and idempotency
 * key like a production receiver, and fails on purpose. The retry loop is driven here the way the containment saga
 * drives it: one {@code perform} per attempt, the port's {@link RetryPolicy} deciding the wait and when to give up.
 */
class WebhookEffectorTest {

    private static final String SECRET = "kms-hook-secret-4f9a";
    private static final String STEP_ID = "INC-2026-0042:revoke-hot-signer:1";
    private static final AffectedAsset HOT_SIGNER =
            new AffectedAsset(AssetType.SIGNING_KEY, "hot-wallet-signer-3", "ethereum");
    private static final EffectorRequest REVOKE = new EffectorRequest("INC-2026-0042", STEP_ID,
            EffectorAction.REVOKE_KEY, HOT_SIGNER, "hot wallet drained above threshold", 1, "alice");
    /** Short waits so the test runs fast; the shape is the production default's. */
    private static final RetryPolicy FAST_RETRY =
            new RetryPolicy(5, Duration.ofMillis(20), 2, Duration.ofMillis(100));
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private final Clock clock = Clock.systemUTC();

    @Test
    void aReceiverThatFailsThreeTimesThenRecoversExecutesTheStepExactlyOnce() throws Exception {
        Set<String> actedOn = ConcurrentHashMap.newKeySet();
        AtomicInteger actions = new AtomicInteger();
        try (SigningReceiver receiver = SigningReceiver.start(SECRET, (exchange, delivery) -> {
            if (delivery.number() <= 3) {
                SigningReceiver.respond(exchange, 500, "{\"error\":\"kms backend unavailable\"}");
                return;
            }
            // a receiver that honours Idempotency-Key acts on a step once, whatever the number of deliveries
            if (actedOn.add(delivery.idempotencyKey())) {
                actions.incrementAndGet();
            }
            SigningReceiver.respond(exchange, 200, "{\"reference\":\"KMS-REV-9001\"}");
        })) {
            WebhookEffector effector = effector(receiver.url("/kms/revoke"));

            EffectorResult result = runStepLikeTheSaga(effector, FAST_RETRY, REVOKE);

            assertThat(result).isEqualTo(new EffectorResult.Executed("webhook", "KMS-REV-9001"));
            assertThat(actions).hasValue(1);
            List<SigningReceiver.Delivery> deliveries = receiver.deliveries();
            assertThat(deliveries).hasSize(4);
            assertThat(deliveries).allSatisfy(delivery -> {
                assertThat(delivery.signatureValid()).isTrue();
                assertThat(delivery.timestampFresh()).isTrue();
                assertThat(delivery.idempotencyKey()).isEqualTo(STEP_ID);
            });
            assertThat(deliveries).extracting(delivery -> json(delivery.body()).get("attempt").asInt())
                    .containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void aReceiverThatNeverRecoversIsGivenUpAfterMaxAttempts() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 503, "down for maintenance"))) {
            WebhookEffector effector = effector(receiver.url("/kms/revoke"));

            EffectorResult result = runStepLikeTheSaga(effector, FAST_RETRY, REVOKE);

            assertThat(result).isEqualTo(new EffectorResult.PermanentFailure(
                    "gave up after 5 attempts: " + receiver.hostAndPort() + " answered 503: down for maintenance"));
            assertThat(receiver.deliveries()).hasSize(5)
                    .allSatisfy(delivery -> assertThat(delivery.idempotencyKey()).isEqualTo(STEP_ID));
        }
    }

    @Test
    void theBodyCarriesTheStepTheTargetAndWhoAskedForIt() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 202, ""))) {
            Instant before = Instant.now();

            effector(receiver.url("/kms/revoke")).perform(REVOKE.withAttempt(2));

            JsonNode body = json(receiver.deliveries().get(0).body());
            assertThat(body.propertyNames()).containsExactly("stepId", "incidentId", "action", "target", "reason",
                    "attempt", "requestedBy", "sentAt");
            assertThat(body.get("stepId").asString()).isEqualTo(STEP_ID);
            assertThat(body.get("incidentId").asString()).isEqualTo("INC-2026-0042");
            assertThat(body.get("action").asString()).isEqualTo("REVOKE_KEY");
            assertThat(body.get("target").get("type").asString()).isEqualTo("SIGNING_KEY");
            assertThat(body.get("target").get("identifier").asString()).isEqualTo("hot-wallet-signer-3");
            assertThat(body.get("target").get("chain").asString()).isEqualTo("ethereum");
            assertThat(body.get("reason").asString()).isEqualTo("hot wallet drained above threshold");
            assertThat(body.get("attempt").asInt()).isEqualTo(2);
            assertThat(body.get("requestedBy").asString()).isEqualTo("alice");
            assertThat(Instant.parse(body.get("sentAt").asString())).isBetween(before, Instant.now());
        }
    }

    @Test
    void aTargetWithoutChainIsSentWithChainNull() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 200, ""))) {
            EffectorRequest isolate = new EffectorRequest("INC-1", "step-iso", EffectorAction.ISOLATE_NODE,
                    new AffectedAsset(AssetType.NODE, "validator-eu-2", null), "", 1, "playbook");

            new WebhookEffector(Port.NETWORK_ISOLATION, receiver.url("/fw"), SECRET, TIMEOUT,
                    new SignedWebhook(Duration.ofMillis(500), clock), clock).perform(isolate);

            JsonNode target = json(receiver.deliveries().get(0).body()).get("target");
            assertThat(target.get("chain").isNull()).isTrue();
            assertThat(target.get("type").asString()).isEqualTo("NODE");
        }
    }

    @Test
    void theReferenceIsTheReceiversReferenceElseItsRequestIdElseTheStatus() throws Exception {
        AtomicInteger answer = new AtomicInteger();
        try (SigningReceiver receiver = SigningReceiver.start(SECRET, (exchange, delivery) -> {
            switch (answer.incrementAndGet()) {
                case 1 -> SigningReceiver.respond(exchange, 200, "{\"reference\":\"KMS-1\"}", "X-Request-Id", "r-1");
                case 2 -> SigningReceiver.respond(exchange, 200, "accepted", "X-Request-Id", "r-2");
                default -> SigningReceiver.respond(exchange, 204, "");
            }
        })) {
            WebhookEffector effector = effector(receiver.url("/kms/revoke"));

            assertThat(effector.perform(REVOKE)).isEqualTo(new EffectorResult.Executed("webhook", "KMS-1"));
            assertThat(effector.perform(REVOKE)).isEqualTo(new EffectorResult.Executed("webhook", "r-2"));
            assertThat(effector.perform(REVOKE)).isEqualTo(new EffectorResult.Executed("webhook", "http-204"));
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetryableAndTheAttemptEndsOnTime() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET, (exchange, delivery) -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException stoppedByTheTest) {
                return;
            }
            SigningReceiver.respond(exchange, 200, "too late");
        })) {
            WebhookEffector effector = effector(receiver.url("/kms/revoke?token=abc123"));
            long started = System.nanoTime();

            EffectorResult result = effector.perform(REVOKE);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(result).isEqualTo(new EffectorResult.RetryableFailure(
                    "no answer from " + receiver.hostAndPort() + " within PT0.4S"));
        }
    }

    @Test
    void tooManyRequestsIsRetryable() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 429, "slow down", "Retry-After", "5"))) {

            EffectorResult result = effector(receiver.url("/kms/revoke")).perform(REVOKE);

            assertThat(result).isEqualTo(new EffectorResult.RetryableFailure(
                    receiver.hostAndPort() + " answered 429: slow down"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 409, 422})
    void aReceiverThatRefusesIsAPermanentFailureAndIsNotAskedAgain(int status) throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET, (exchange, delivery) ->
                SigningReceiver.respond(exchange, status, "{\"error\":\"key hot-wallet-signer-3 is not managed here\"}"))) {

            EffectorResult result = runStepLikeTheSaga(effector(receiver.url("/kms/revoke")), FAST_RETRY, REVOKE);

            assertThat(result).isEqualTo(new EffectorResult.PermanentFailure(receiver.hostAndPort() + " answered "
                    + status + ": {\"error\":\"key hot-wallet-signer-3 is not managed here\"}"));
            assertThat(receiver.deliveries()).hasSize(1);
        }
    }

    @Test
    void aRedirectIsNotFollowedAndIsPermanent() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET, (exchange, delivery) ->
                SigningReceiver.respond(exchange, 302, "", "Location", "https://elsewhere.example/steal"))) {

            EffectorResult result = effector(receiver.url("/kms/revoke")).perform(REVOKE);

            assertThat(result).isInstanceOf(EffectorResult.PermanentFailure.class);
            assertThat(((EffectorResult.PermanentFailure) result).reason())
                    .startsWith(receiver.hostAndPort() + " answered 302")
                    .contains("redirects are not followed");
            assertThat(receiver.deliveries()).hasSize(1);
        }
    }

    @Test
    void aRefusalsLongAnswerIsAbbreviatedToOneLine() throws Exception {
        String answer = "line one\nline two " + "z".repeat(5000);
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 400, answer))) {

            EffectorResult result = effector(receiver.url("/kms/revoke")).perform(REVOKE);

            String reason = ((EffectorResult.PermanentFailure) result).reason();
            assertThat(reason).startsWith(receiver.hostAndPort() + " answered 400: line one line two zzz")
                    .doesNotContain("\n")
                    .endsWith("…");
            assertThat(reason.length()).isLessThanOrEqualTo(EffectorResult.MAX_REASON_CHARS + 1);
        }
    }

    @Test
    void aClosedPortIsRetryableAndTheReasonShowsNeitherPathNorQuery() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebhookEffector effector = effector(URI.create("http://127.0.0.1:" + closedPort + "/kms/revoke?token=abc123"));

        EffectorResult result = effector.perform(REVOKE);

        assertThat(result).isInstanceOf(EffectorResult.RetryableFailure.class);
        assertThat(((EffectorResult.RetryableFailure) result).reason())
                .startsWith("cannot reach 127.0.0.1:" + closedPort)
                .doesNotContain("token")
                .doesNotContain("/kms");
    }

    @Test
    void aSenderWithTheWrongSecretIsRefusedByTheReceiver() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 200, "{\"reference\":\"never\"}"))) {
            WebhookEffector effector = new WebhookEffector(Port.KEY_MANAGEMENT, receiver.url("/kms/revoke"),
                    "not-" + SECRET, TIMEOUT, new SignedWebhook(Duration.ofMillis(500), clock), clock);

            EffectorResult result = effector.perform(REVOKE);

            assertThat(result).isEqualTo(new EffectorResult.PermanentFailure(
                    receiver.hostAndPort() + " answered 401: {\"error\":\"bad signature\"}"));
        }
    }

    @Test
    void aSenderWhoseClockIsFarOffIsRefusedAsStale() throws Exception {
        Clock tenMinutesSlow = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 200, "{\"reference\":\"never\"}"))) {
            WebhookEffector effector = new WebhookEffector(Port.KEY_MANAGEMENT, receiver.url("/kms/revoke"), SECRET,
                    TIMEOUT, new SignedWebhook(Duration.ofMillis(500), tenMinutesSlow), tenMinutesSlow);

            EffectorResult result = effector.perform(REVOKE);

            assertThat(receiver.deliveries()).singleElement().satisfies(delivery -> {
                assertThat(delivery.signatureValid()).isTrue();
                assertThat(delivery.timestampFresh()).isFalse();
            });
            assertThat(result).isEqualTo(new EffectorResult.PermanentFailure(
                    receiver.hostAndPort() + " answered 401: {\"error\":\"stale timestamp\"}"));
        }
    }

    @Test
    void aStepOfAnotherPortIsRefusedBeforeAnythingIsSent() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 200, ""))) {
            EffectorRequest pause = new EffectorRequest("INC-1", "step-p", EffectorAction.PAUSE_CONTRACT,
                    new AffectedAsset(AssetType.CONTRACT, "0xabc", "ethereum"), "", 1, "alice");

            assertThatThrownBy(() -> effector(receiver.url("/kms/revoke")).perform(pause))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(receiver.deliveries()).isEmpty();
        }
    }

    @Test
    void itsDescriptionShowsNeitherSecretNorPath() {
        WebhookEffector effector = effector(URI.create("https://kms.example:8443/hooks/revoke?token=abc123"));

        assertThat(effector.toString()).contains("https://kms.example:8443")
                .doesNotContain(SECRET).doesNotContain("token").doesNotContain("/hooks");
    }

    /**
     * The worked example of docs/containment-effectors.md: this body and this signature (computed there with
     * {@code openssl dgst -sha256 -hmac}) are what the effector sends for that step at that second.
     */
    @Test
    void theDocumentedExampleIsExactlyWhatIsSent() {
        Clock newYear = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        WebhookEffector effector = new WebhookEffector(Port.KEY_MANAGEMENT, URI.create("https://kms.example/hook"),
                "whsec_7Jq2mV9xR4tN8pL1", TIMEOUT, new SignedWebhook(Duration.ofMillis(500), newYear), newYear);
        String documentedBody = "{\"stepId\":\"INC-2026-0042:revoke-hot-signer:1\",\"incidentId\":\"INC-2026-0042\","
                + "\"action\":\"REVOKE_KEY\",\"target\":{\"type\":\"SIGNING_KEY\",\"identifier\":\"hot-wallet-signer-3\","
                + "\"chain\":\"ethereum\"},\"reason\":\"hot wallet drained above threshold\",\"attempt\":1,"
                + "\"requestedBy\":\"alice\",\"sentAt\":\"2026-01-01T00:00:00Z\"}";

        assertThat(effector.body(REVOKE)).isEqualTo(documentedBody);
        assertThat(SignedWebhook.sign("whsec_7Jq2mV9xR4tN8pL1", "1767225600", documentedBody))
                .isEqualTo("9bdea071658c73e35431f0d0ff97f1d4a4f19de6406c422371e5cc45a07a22ef");
    }

    /** What the saga does: attempt, and after a retryable failure wait the backoff and attempt again, or give up. */
    static EffectorResult runStepLikeTheSaga(Effector effector, RetryPolicy policy, EffectorRequest step) {
        for (int attempt = 1; ; attempt++) {
            EffectorResult result = effector.perform(step.withAttempt(attempt));
            if (!(result instanceof EffectorResult.RetryableFailure retryable)) {
                return result;
            }
            if (policy.exhausted(attempt)) {
                return policy.giveUp(attempt, retryable);
            }
            sleep(policy.backoffAfter(attempt));
        }
    }

    private WebhookEffector effector(URI url) {
        return new WebhookEffector(Port.KEY_MANAGEMENT, url, SECRET, TIMEOUT,
                new SignedWebhook(Duration.ofMillis(500), clock), clock);
    }

    private static JsonNode json(String body) {
        return JsonMapper.builder().build().readTree(body);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
