package io.incidentledger.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events client of the live feed, as a browser's {@code EventSource} reads it: the response body as a
 * stream of lines, parsed into events by a thread of its own.
 */
public final class LiveStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final Thread reading;
    private volatile String retry;

    /** One event of the stream; {@code id} is {@code null} when it had none. */
    public record Event(String id, String name, String data) {

        public JsonNode json() {
            return JSON.readTree(data);
        }
    }

    private LiveStream(InputStream body) {
        this.body = body;
        this.reading = new Thread(this::read, "live-stream-client");
        this.reading.setDaemon(true);
        this.reading.start();
    }

    /**
     * Opens the stream as {@code user} (password = name), waiting for its first line.
     *
     * @param path        the path with its query
     * @param lastEventId the {@code Last-Event-ID} to send; {@code null} for none
     */
    public static LiveStream open(int port, String user, String path, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String problem = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new IllegalStateException("the stream was refused: " + response.statusCode() + " " + problem);
        }
        LiveStream stream = new LiveStream(response.body());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stream.retry == null && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        if (stream.retry == null) {
            stream.close();
            throw new IllegalStateException("the stream sent no retry: line");
        }
        return stream;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("retry:")) {
                    retry = line.substring("retry:".length());
                } else if (line.startsWith("id:")) {
                    id = line.substring("id:".length());
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length());
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line.substring("data:".length()));
                }
            }
        } catch (IOException closed) {
            // the stream was closed, by either side
        }
    }

    /** Whether the server ended the stream, waiting up to {@code wait} for it to. */
    public boolean ended(Duration wait) throws InterruptedException {
        reading.join(wait.toMillis());
        return !reading.isAlive();
    }

    /** The reconnection delay the stream sent, in milliseconds. */
    public String retry() {
        return retry;
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** The next event, or {@code null} when none arrives within {@code wait}. */
    public Event next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The first event that matches, skipping the others; {@code null} when none arrives within {@code wait}. */
    public Event next(Predicate<Event> matching, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = until - System.nanoTime()) {
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null && matching.test(event)) {
                return event;
            }
        }
        return null;
    }

    /** Every event that arrives within {@code wait}. */
    public List<Event> collect(Duration wait) throws InterruptedException {
        List<Event> collected = new ArrayList<>();
        long until = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = until - System.nanoTime()) {
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null) {
                collected.add(event);
            }
        }
        return collected;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
