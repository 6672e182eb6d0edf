package benchmarks.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One plain HTTP client of the live feed ({@code GET /console/live}, HTTP Basic), as the console's {@code EventSource}
 * reads it: a thread of its own reads the stream line by line and notes, for every {@code incident} event, the wall
 * clock at which its blank line (the end of the event) arrived, by the event's {@code incidentId:sequence}.
 */
final class LiveClient implements AutoCloseable {

    private static final Pattern INCIDENT = Pattern.compile("\"incidentId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\"\\s*:\\s*(\\d+)");

    private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger reloads = new AtomicInteger();
    private final InputStream body;
    private final Thread reading;
    private volatile boolean opened;

    private LiveClient(InputStream body, int number) {
        this.body = body;
        this.reading = new Thread(this::read, "live-bench-client-" + number);
        this.reading.setDaemon(true);
        this.reading.start();
    }

    static LiveClient open(int port, String user, int number) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/live"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String problem = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new IllegalStateException("the live feed refused client " + number + ": HTTP "
                    + response.statusCode() + " " + problem);
        }
        LiveClient client = new LiveClient(response.body(), number);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!client.opened && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        if (!client.opened) {
            client.close();
            throw new IllegalStateException("the live feed sent client " + number + " no first line");
        }
        return client;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("retry:")) {
                    opened = true;
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    data = line.substring("data:".length());
                } else if (line.isEmpty()) {
                    if ("incident".equals(name) && data != null) {
                        Instant at = Instant.now();
                        Matcher incident = INCIDENT.matcher(data);
                        Matcher sequence = SEQUENCE.matcher(data);
                        if (incident.find() && sequence.find()) {
                            arrivals.putIfAbsent(incident.group(1) + ":" + sequence.group(1), at);
                        }
                    } else if ("reload".equals(name)) {
                        reloads.incrementAndGet();
                    }
                    name = null;
                    data = null;
                }
            }
        } catch (IOException closed) {
            // closed by either side
        }
    }

    /** When the event arrived, or {@code null} while it has not. */
    Instant arrival(String incidentId, long sequence) {
        return arrivals.get(incidentId + ":" + sequence);
    }

    int reloads() {
        return reloads.get();
    }

    void forget() {
        arrivals.clear();
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
