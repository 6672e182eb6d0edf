package io.incidentledger.alerting;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.incidentledger.outbound.SignedWebhook;

/**
 * A real HTTP receiver on a free local port that checks each request's signature the way a receiver would, and
 * answers with the statuses it was told to (then 200).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received, and whether its signature matched the body and timestamp. */
    record Received(String idempotencyKey, String timestamp, String body, boolean signatureValid) {
    }

    private final HttpServer server;
    private final String secret;
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int answerAfterwards = 200;

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/incidents", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/incidents?token=t0k3n");
    }

    /** Answer the next requests with these statuses, in order. */
    void answerNext(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    /** Answer every request beyond the queued ones with this status. */
    void answerAfterwards(int status) {
        answerAfterwards = status;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst(SignedWebhook.TIMESTAMP_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(SignedWebhook.SIGNATURE_HEADER);
            boolean valid = timestamp != null && signature != null
                    && signature.equals("sha256=" + SignedWebhook.sign(secret, timestamp, body));
            received.add(new Received(exchange.getRequestHeaders().getFirst(SignedWebhook.IDEMPOTENCY_HEADER),
                    timestamp, body, valid));
            Integer status = answers.poll();
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? answerAfterwards : status, answer.length);
            exchange.getResponseBody().write(answer);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
