package io.incidentledger.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedWebhookTest {

    private static final String SECRET = "whsec-example-0123456789";
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

    private final SignedWebhook webhook = new SignedWebhook(CONNECT_TIMEOUT, Clock.systemUTC());

    /** Expected values computed with {@code printf '%s' "$timestamp.$body" | openssl dgst -sha256 -hmac "$secret"}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "whsec-example-0123456789|1700000000|'{\"stepId\":\"step-1\",\"action\":\"REVOKE_KEY\"}'|dfe8e8f5a2114ded4e1391d709fa9763ea0e385df2ff4a9fe241fadbf8955d9e",
        "k|1700000000|''|5c2999a43333a6877f49c8003f235c4f6de40f85b1b7414b70bd470a8db53d97",
        "clé|1700000000|'{\"note\":\"café\"}'|515a9c7e96a417edb7613e62fd4aab9865337bf9d83540b30fe5a458d1767406"
    })
    void signMatchesValuesComputedWithOpenssl(String secret, String timestamp, String body, String expected) {
        assertThat(SignedWebhook.sign(secret, timestamp, body)).isEqualTo(expected);
    }

    @Test
    void signIsTheHmacSha256OfTimestampFullStopAndBody() throws Exception {
        String body = "{\"incidentId\":\"INC-7\",\"reason\":\"drain of hot wallet ✓\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(
                mac.doFinal(("1712345678." + body).getBytes(StandardCharsets.UTF_8)));

        assertThat(SignedWebhook.sign(SECRET, "1712345678", body)).isEqualTo(expected);
        assertThat(SignedWebhook.sign(SECRET, "1712345679", body)).isNotEqualTo(expected);
        assertThat(SignedWebhook.sign(SECRET + "x", "1712345678", body)).isNotEqualTo(expected);
    }

    @Test
    void signingWithoutASecretIsRefused() {
        assertThatThrownBy(() -> SignedWebhook.sign("", "1700000000", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret is required");
    }

    @Test
    void aPostCarriesASignatureTimestampAndIdempotencyKeyTheReceiverAccepts() throws Exception {
        String body = "{\"stepId\":\"step-9\",\"reason\":\"café\"}";
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 201, "{\"reference\":\"R-1\"}",
                        "X-Request-Id", "req-77"))) {

            SignedWebhook.Response response = webhook.post(receiver.url("/hooks/keys"), SECRET, "step-9", body,
                    Duration.ofSeconds(2));

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.isSuccess()).isTrue();
            assertThat(response.body()).isEqualTo("{\"reference\":\"R-1\"}");
            assertThat(response.requestId()).isEqualTo("req-77");
            assertThat(receiver.deliveries()).singleElement().satisfies(delivery -> {
                assertThat(delivery.signatureValid()).isTrue();
                assertThat(delivery.timestampFresh()).isTrue();
                assertThat(delivery.idempotencyKey()).isEqualTo("step-9");
                assertThat(delivery.contentType()).isEqualTo("application/json");
                assertThat(delivery.body()).isEqualTo(body);
                assertThat(delivery.path()).isEqualTo("/hooks/keys");
            });
        }
    }

    @Test
    void aReceiverWithAnotherSecretRejectsTheSignature() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start("another-secret",
                (exchange, delivery) -> SigningReceiver.respond(exchange, 200, "ok"))) {

            SignedWebhook.Response response = webhook.post(receiver.url("/"), SECRET, "step-1", "{}",
                    Duration.ofSeconds(2));

            assertThat(response.status()).isEqualTo(401);
            assertThat(receiver.deliveries()).singleElement()
                    .satisfies(delivery -> assertThat(delivery.signatureValid()).isFalse());
        }
    }

    @Test
    void onlyTheStartOfALongAnswerIsKept() throws Exception {
        String huge = "x".repeat(2_000_000);
        try (SigningReceiver receiver = SigningReceiver.start(SECRET,
                (exchange, delivery) -> SigningReceiver.respond(exchange, 400, huge))) {

            SignedWebhook.Response response = webhook.post(receiver.url("/"), SECRET, "step-1", "{}",
                    Duration.ofSeconds(2));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).hasSize(501).startsWith("xxxx").endsWith("…");
        }
    }

    @Test
    void anAnswerWhoseBodyNeverFinishesEndsTheAttemptInBoundedTime() throws Exception {
        try (SigningReceiver receiver = SigningReceiver.start(SECRET, (exchange, delivery) -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"refer".getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(Duration.ofSeconds(10));
        })) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> webhook.post(receiver.url("/slow?token=abc"), SECRET, "step-1", "{}",
                    Duration.ofMillis(300)))
                    .isInstanceOf(SignedWebhook.Unreachable.class)
                    .hasMessage("no answer from " + receiver.hostAndPort() + " within PT0.3S");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aClosedPortIsUnreachableAndTheMessageNamesOnlyHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/hooks/x?token=do-not-log");

        assertThatThrownBy(() -> webhook.post(url, SECRET, "step-1", "{}", Duration.ofSeconds(1)))
                .isInstanceOf(SignedWebhook.Unreachable.class)
                .hasMessageStartingWith("cannot reach 127.0.0.1:" + closedPort)
                .message().doesNotContain("token").doesNotContain("/hooks");
    }

    @ParameterizedTest
    @CsvSource({
        "200, true, false", "204, true, false", "302, false, false", "400, false, false", "401, false, false",
        "403, false, false", "404, false, false", "408, false, true", "409, false, false", "425, false, true",
        "429, false, true", "500, false, true", "502, false, true", "503, false, true"
    })
    void statusesAreSuccessRetryableOrNeither(int status, boolean success, boolean retryable) {
        SignedWebhook.Response response = new SignedWebhook.Response(status, "");

        assertThat(response.isSuccess()).isEqualTo(success);
        assertThat(response.isRetryable()).isEqualTo(retryable);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
