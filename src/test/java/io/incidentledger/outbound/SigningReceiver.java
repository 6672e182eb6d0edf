package io.incidentledger.outbound;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a real local port that checks every delivery the way a receiver in production should, with
 * its own HMAC code (not {@link SignedWebhook#sign}): the signature over timestamp, full stop and raw body, compared in
 * constant time, and a timestamp within {@link #TOLERANCE} of its clock. A delivery failing either check gets 401; a
 * good one is answered by the test's {@link Script}. Every delivery is recorded.
 */
public final class SigningReceiver implements AutoCloseable {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** One request as received, with the results of the receiver's checks. */
    public record Delivery(int number, String path, String query, String idempotencyKey, String timestamp,
                           String signature, String contentType, String body, boolean signatureValid,
                           boolean timestampFresh) {
    }

    /** How the test answers a delivery that passed the checks; {@code number} counts from 1. */
    @FunctionalInterface
    public interface Script {
        void answer(HttpExchange exchange, Delivery delivery) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String secret;
    private final Clock clock = Clock.systemUTC();
    private final Script script;
    private final AtomicInteger received = new AtomicInteger();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private SigningReceiver(String secret, Script script) throws IOException {
        this.secret = secret;
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static SigningReceiver start(String secret, Script script) throws IOException {
        return new SigningReceiver(secret, script);
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code pathAndQuery}. */
    public URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    public String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Answers with {@code status} and {@code body}; {@code headers} are name, value pairs. */
    public static void respond(HttpExchange exchange, int status, String body, String... headers) throws IOException {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst(SignedWebhook.TIMESTAMP_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(SignedWebhook.SIGNATURE_HEADER);
            Delivery delivery = new Delivery(received.incrementAndGet(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst(SignedWebhook.IDEMPOTENCY_HEADER), timestamp, signature,
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8),
                    signatureMatches(timestamp, body, signature), isFresh(timestamp));
            deliveries.add(delivery);
            if (!delivery.signatureValid()) {
                respond(exchange, 401, "{\"error\":\"bad signature\"}");
            } else if (!delivery.timestampFresh()) {
                respond(exchange, 401, "{\"error\":\"stale timestamp\"}");
            } else {
                script.answer(exchange, delivery);
            }
        } finally {
            exchange.close();
        }
    }

    private boolean signatureMatches(String timestamp, byte[] body, String signature) {
        if (timestamp == null || signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            byte[] given = signature.substring("sha256=".length()).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, given);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean isFresh(String timestamp) {
        if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        return Duration.between(sent, clock.instant()).abs().compareTo(TOLERANCE) <= 0;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
