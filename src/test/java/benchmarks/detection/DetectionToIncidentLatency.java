package benchmarks.detection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import benchmarks.harness.LatencyStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Detection-to-incident latency: {@code envelopes} generic envelopes ({@code POST /api/detections}), one at a time,
 * each with a new correlation key so that each opens an incident. Per envelope, three figures (same machine, same
 * clock):
 * <ul>
 *   <li>{@code sendToStored}: from {@code Instant.now()} just before sending until the {@code time_stamp} of the
 *       incident's first event (sequence 0) in {@code domain_event_entry};</li>
 *   <li>{@code receivedToStored}: from the detection's {@code receivedAt} (taken in the controller, after
 *       authentication and body parsing) until that {@code time_stamp};</li>
 *   <li>{@code roundTrip}: the request's round trip (the answer comes after the event is stored), an upper bound.</li>
 * </ul>
 */
final class DetectionToIncidentLatency {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A detection whose receivedAt was not found in the incident's first events. */
    private static final long MISSING = Long.MIN_VALUE;

    private DetectionToIncidentLatency() {
    }

    static Map<String, Object> measure(DetectionApplication application, String authorization, int warmup,
                                       int envelopes) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + application.port() + "/api/detections");
        DataSource dataSource = application.context().getBean(DataSource.class);
        long run = System.currentTimeMillis();
        long[] sendToStored = new long[envelopes];
        long[] receivedToStored = new long[envelopes];
        long[] roundTrip = new long[envelopes];
        int opened = 0;
        for (int i = -warmup; i < envelopes; i++) {
            String body = "{\"source\":\"bench\",\"sourceAlertId\":\"latency-" + run + "-" + i + "\","
                    + "\"name\":\"Bench latency probe\",\"severity\":\"HIGH\",\"category\":\"OTHER\","
                    + "\"chainId\":\"ethereum\",\"addresses\":[\"0x00000000000000000000000000000000000000" + "01\"],"
                    + "\"correlationKey\":\"bench-latency:" + run + ":" + i + "\"}";
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            Instant sent = Instant.now();
            long begin = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - begin;
            if (response.statusCode() != 201) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            if (i < 0) {
                continue;
            }
            opened++;
            String incidentId = JSON.readTree(response.body()).path("incidentId").asText();
            Instant stored;
            Instant received;
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement query = connection.prepareStatement("SELECT time_stamp, payload FROM"
                         + " domain_event_entry WHERE aggregate_identifier = ? AND sequence_number <= 1"
                         + " ORDER BY sequence_number")) {
                query.setString(1, incidentId);
                stored = null;
                received = null;
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        if (stored == null) {
                            stored = Instant.parse(row.getString(1));
                        }
                        if (received == null) {
                            received = instant(JSON.readTree(new String(row.getBytes(2), StandardCharsets.UTF_8))
                                    .findValue("receivedAt"));
                        }
                    }
                }
                if (stored == null) {
                    throw new IllegalStateException("no first event for incident " + incidentId);
                }
            }
            sendToStored[i] = Duration.between(sent, stored).toNanos();
            receivedToStored[i] = received == null ? MISSING : Duration.between(received, stored).toNanos();
            roundTrip[i] = elapsed;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("envelopes", envelopes);
        result.put("warmupEnvelopes", warmup);
        result.put("incidentsOpened", opened);
        result.put("sendToStoredMillis", LatencyStats.of(List.of(sendToStored)));
        long missing = Arrays.stream(receivedToStored).filter(value -> value == MISSING).count();
        result.put("receivedAtMissing", missing);
        // a negative value stays: it would show the stored time_stamp coarser than receivedAt, not be hidden
        result.put("receivedToStoredMillis", LatencyStats.of(missing == 0 ? List.of(receivedToStored) : List.of()));
        result.put("roundTripMillis", LatencyStats.of(List.of(roundTrip)));
        return result;
    }

    /** An Instant serialised as ISO-8601 text or as decimal epoch seconds. */
    private static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            java.math.BigDecimal seconds = value.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(value.asText());
    }
}
