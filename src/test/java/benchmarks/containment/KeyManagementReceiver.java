package benchmarks.containment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.incidentledger.outbound.SignedWebhook;

/**
 * A key-management system in the benchmark's process (JDK {@link HttpServer} on 127.0.0.1, a free port): checks every
 * delivery's HMAC-SHA256 signature as a real receiver must, answers 200 with {@code {"reference": "kms-<n>"}} when it
 * is valid and 401 when it is not, and notes when each step's request arrived so that the benchmark can split the
 * step's time into before, during and after the call.
 *
 * <p>While told to hang ({@link #startHanging}), it answers nothing to a request about a key whose name starts with
 * {@value #HANGING_PREFIX} until long after the sender has given up (then 503), as a receiver that has stopped
 * working would; every other request is answered as usual, on threads of their own.
 */
final class KeyManagementReceiver implements AutoCloseable {

    static final String PATH = "/kms/revocations";
    /** Keys whose revocation hangs while the receiver is told to. */
    static final String HANGING_PREFIX = "bench-hang-";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String secret;
    private final AtomicInteger valid = new AtomicInteger();
    private final AtomicInteger invalid = new AtomicInteger();
    private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger heldNow = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private volatile Instant lastHeldAt;
    private volatile CountDownLatch hanging = new CountDownLatch(0);
    private volatile Duration holdAtMost = Duration.ZERO;

    private KeyManagementReceiver(HttpServer server, ExecutorService executor, String secret) {
        this.server = server;
        this.executor = executor;
        this.secret = secret;
    }

    static KeyManagementReceiver start(String secret) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // threads of its own: the default runs handlers on the dispatcher thread, which would also serialise
        // accepting; and a request held while hanging must not keep the others waiting
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bench-kms-receiver");
            thread.setDaemon(true);
            return thread;
        });
        KeyManagementReceiver receiver = new KeyManagementReceiver(server, executor, secret);
        server.createContext(PATH, receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    int validDeliveries() {
        return valid.get();
    }

    int invalidDeliveries() {
        return invalid.get();
    }

    /**
     * From now on holds every request about a hanging key for {@code holdAtMost} (a little longer than the sender's
     * timeout), or until {@link #stopHanging}, and then closes the connection without an answer.
     */
    void startHanging(Duration holdAtMost) {
        this.holdAtMost = holdAtMost;
        hanging = new CountDownLatch(1);
    }

    /** Lets the held requests go and answers requests about hanging keys as usual again. */
    void stopHanging() {
        hanging.countDown();
    }

    /** How many requests it holds at this moment. */
    int heldNow() {
        return heldNow.get();
    }

    /** When the latest request it held arrived; null before the first. */
    Instant lastHeldAt() {
        return lastHeldAt;
    }

    /** How many requests it has held in all. */
    int heldInAll() {
        return held.get();
    }

    /** When the first delivery for this idempotency key (the step id) arrived, or null if none did. */
    Instant arrivalOf(String idempotencyKey) {
        return arrivals.get(idempotencyKey);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String timestamp = exchange.getRequestHeaders().getFirst(SignedWebhook.TIMESTAMP_HEADER);
        String signature = exchange.getRequestHeaders().getFirst(SignedWebhook.SIGNATURE_HEADER);
        String key = exchange.getRequestHeaders().getFirst(SignedWebhook.IDEMPOTENCY_HEADER);
        boolean signed = timestamp != null && signature != null && MessageDigest.isEqual(
                ("sha256=" + hmac(timestamp + "." + body)).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
        byte[] answer;
        int status;
        CountDownLatch hang = hanging;
        if (signed && hang.getCount() > 0 && body.contains("\"identifier\":\"" + HANGING_PREFIX)) {
            heldNow.incrementAndGet();
            held.incrementAndGet();
            lastHeldAt = arrived;
            try {
                hang.await(holdAtMost.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                heldNow.decrementAndGet();
            }
            // the sender has given up by now: nothing to answer
            exchange.close();
            return;
        } else if (signed) {
            status = 200;
            answer = ("{\"reference\":\"kms-" + valid.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
            if (key != null) {
                arrivals.putIfAbsent(key, arrived);
            }
        } else {
            invalid.incrementAndGet();
            status = 401;
            answer = "{\"error\":\"bad signature\"}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** The receiver's own HMAC, written apart from the sender's code. */
    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
