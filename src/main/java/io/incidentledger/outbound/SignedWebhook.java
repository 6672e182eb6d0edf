package io.incidentledger.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 *
 * <p>One call is one bounded attempt: connecting takes at most the connect timeout, and the whole answer (status,
 * headers and body) must arrive within the timeout after that. Only the first {@value #MAX_BODY_BYTES} bytes of the
 * answer are read, so a receiver cannot hold the caller or fill its memory.
 */
public final class SignedWebhook {

    public static final String TIMESTAMP_HEADER = "X-IncidentLedger-Timestamp";
    public static final String SIGNATURE_HEADER = "X-IncidentLedger-Signature";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    /** The receiver's own id for the request, when it sends one; kept on {@link Response#requestId()}. */
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final int MAX_BODY_CHARS = 500;
    /** Enough bytes for {@value #MAX_BODY_CHARS} characters of any UTF-8 text. */
    private static final int MAX_BODY_BYTES = 4 * MAX_BODY_CHARS + 4;
    private static final int MAX_REQUEST_ID_CHARS = 200;

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Clock clock;

    public SignedWebhook(Duration connectTimeout, Clock clock) {
        // HTTP/1.1: the default would offer an h2c upgrade on plain http, which some receivers refuse on a POST
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.connectTimeout = connectTimeout;
        this.clock = clock;
    }

    /**
     * What the receiver answered.
     *
     * @param body      the start of the answer's body, at most {@value #MAX_BODY_CHARS} characters and an ellipsis
     * @param requestId the receiver's {@code X-Request-Id} header (control characters removed, abbreviated), or
     *                  {@code null} when it sent none
     */
    public record Response(int status, String body, String requestId) {

        public Response(int status, String body) {
            this(status, body, null);
        }

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
     * Posts {@code body} once and waits at most {@code timeout} for the answer (after at most the connect timeout for
     * the connection).
     *
     * @throws Unreachable when the connection fails or the answer does not come in time; its message names the
     *                     receiver by host and port only, since a URL's path or query may carry a token
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
        CompletableFuture<HttpResponse<String>> pending =
                client.sendAsync(request, info -> new LimitedBody(MAX_BODY_BYTES));
        // the request timeout stops at the answer's headers; this bound also covers a body that trickles in
        long limitNanos = connectTimeout.plus(timeout).toNanos();
        try {
            HttpResponse<String> response = pending.get(limitNanos, TimeUnit.NANOSECONDS);
            String requestId = response.headers().firstValue(REQUEST_ID_HEADER)
                    .map(value -> abbreviate(value.replaceAll("\\p{Cntrl}", ""), MAX_REQUEST_ID_CHARS))
                    .filter(value -> !value.isBlank())
                    .orElse(null);
            return new Response(response.statusCode(), abbreviate(response.body(), MAX_BODY_CHARS), requestId);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new Unreachable("no answer from " + hostOf(url) + " within " + timeout, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while calling " + hostOf(url), e);
        } catch (ExecutionException e) {
            throw unreachable(url, timeout, e.getCause());
        }
    }

    private Unreachable unreachable(URI url, Duration timeout, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new Unreachable("cannot connect to " + hostOf(url) + " within " + connectTimeout, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new Unreachable("no answer from " + hostOf(url) + " within " + timeout, cause);
        }
        if (cause instanceof IOException) {
            return new Unreachable("cannot reach " + hostOf(url) + ": " + cause.getClass().getSimpleName(), cause);
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new Unreachable("failed calling " + hostOf(url) + ": " + cause.getClass().getSimpleName(), cause);
    }

    /** The lower-case hex HMAC-SHA256 of {@code timestamp + "." + body}, keyed with {@code secret}. */
    public static String sign(String secret, String timestamp, String body) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required to sign");
        }
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

    private static String abbreviate(String text, int maxChars) {
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars) + "…";
    }

    /**
     * Keeps the first bytes of an answer and then stops reading: cancelling the subscription drops the connection
     * instead of draining whatever the receiver goes on sending.
     */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<String> {

        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
                if (buffer.hasRemaining()) {
                    subscription.cancel();
                    // the cut may split a character: mark it as cut even when the text is short
                    result.complete(decode() + "…");
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(decode());
        }

        private String decode() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
