package io.incidentledger.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends a JSON body to a receiver that checks who sent it and when, and can drop repeats: every outbound webhook of
 * the product (containment effectors and notifications) goes through here.
 *
 * <p>Headers: {@value #TIMESTAMP_HEADER} is the sending time in seconds since the epoch (decimal digits);
 * {@value #SIGNATURE_HEADER} is {@code sha256=} followed by the lower-case hex HMAC-SHA256, keyed with the shared
 * secret, of the timestamp, a full stop, and the body exactly as sent; {@value #IDEMPOTENCY_HEADER} is the same for
 * every attempt at one delivery, so the receiver can act once.
 */
public final class SignedWebhook {

    public static final String TIMESTAMP_HEADER = "X-IncidentLedger-Timestamp";
    public static final String SIGNATURE_HEADER = "X-IncidentLedger-Signature";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final HttpClient client;
    private final Clock clock;

    public SignedWebhook(Duration connectTimeout, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.clock = clock;
    }

    /** What the receiver answered. */
    public record Response(int status, String body) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** Worth trying again later: the receiver is overloaded or failing, not refusing this request. */
        public boolean isRetryable() {
            return status == 408 || status == 425 || status == 429 || status >= 500;
        }
    }

    /** The receiver could not be reached or did not answer in time; always worth trying again later. */
    public static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Posts {@code body} once and waits at most {@code timeout} for the answer.
     *
     * @throws Unreachable when the connection fails or the answer does not come in time
     */
    public Response post(URI url, String secret, String idempotencyKey, String body, Duration timeout)
            throws Unreachable {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, body))
                .header(IDEMPOTENCY_HEADER, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), abbreviate(response.body()));
        } catch (HttpTimeoutException e) {
            throw new Unreachable("no answer from " + hostOf(url) + " within " + timeout, e);
        } catch (IOException e) {
            throw new Unreachable("cannot reach " + hostOf(url) + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while calling " + hostOf(url), e);
        }
    }

    /** The lower-case hex HMAC-SHA256 of {@code timestamp + "." + body}, keyed with {@code secret}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Host and port only: a URL's path or query may carry a token, and these messages end up in events and logs. */
    private static String hostOf(URI url) {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 500 ? body : body.substring(0, 500) + "…";
    }
}
