package benchmarks.storm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import benchmarks.harness.LatencyStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One alert storm: {@code count} detections of one alert on one subject (so one correlation key, one incident), each a
 * distinct alert id, sent one after the other through {@code POST /api/detections}, each timed from just before
 * sending until its answer is read.
 */
final class AlertStorm {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;
    private final String authorization;

    AlertStorm(int port, String authorization) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/api/detections");
        this.authorization = authorization;
    }

    /** What a storm did: each detection's round trip in nanoseconds, the incidents it went to, the outcomes. */
    record Result(String subject, long[] nanos, Map<String, Integer> incidents, Map<String, Integer> outcomes,
                  long elapsedNanos) {
    }

    Result run(String subject, int count) throws Exception {
        long[] nanos = new long[count];
        Map<String, Integer> incidents = new TreeMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String body = """
                    {"source":"bench","sourceAlertId":"%s-%d","name":"Bridge drain","severity":"HIGH",
                     "category":"SMART_CONTRACT_EXPLOIT","chainId":"1","addresses":["%s"]}"""
                    .formatted(subject, i, subject);
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long begin = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - begin;
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException("detection " + i + ": HTTP " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            incidents.merge(answer.path("incidentId").asText(), 1, Integer::sum);
            outcomes.merge(answer.path("outcome").asText(), 1, Integer::sum);
        }
        return new Result(subject, nanos, incidents, outcomes, System.nanoTime() - start);
    }

    /** The storm's latencies: all, the first and last {@code window}, their ratios, and each window in turn. */
    static Map<String, Object> latencies(long[] nanos, int window) {
        Map<String, Object> figures = new LinkedHashMap<>();
        LatencyStats first = LatencyStats.of(List.of(Arrays.copyOfRange(nanos, 0, Math.min(window, nanos.length))));
        LatencyStats last = LatencyStats.of(List.of(Arrays.copyOfRange(nanos, Math.max(0, nanos.length - window),
                nanos.length)));
        figures.put("all", LatencyStats.of(List.of(nanos)));
        figures.put("first", first);
        figures.put("last", last);
        figures.put("lastOverFirst", Map.of("p50", ratio(last.p50(), first.p50()),
                "p99", ratio(last.p99(), first.p99()), "mean", ratio(last.mean(), first.mean())));
        List<Map<String, Object>> windows = new ArrayList<>();
        for (int from = 0; from < nanos.length; from += window) {
            LatencyStats stats = LatencyStats.of(List.of(Arrays.copyOfRange(nanos, from,
                    Math.min(nanos.length, from + window))));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("from", from + 1);
            entry.put("to", Math.min(nanos.length, from + window));
            entry.put("p50", stats.p50());
            entry.put("p99", stats.p99());
            entry.put("mean", stats.mean());
            windows.add(entry);
        }
        figures.put("byWindow", windows);
        return figures;
    }

    static double ratio(double value, double reference) {
        return reference == 0 ? 0 : Math.round(value / reference * 1000) / 1000.0;
    }
}
