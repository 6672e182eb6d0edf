package benchmarks.detection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import benchmarks.harness.LatencyRecorder;
import benchmarks.harness.Workload;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One unit = one batch sent as a JSON array to {@code POST /api/transactions} of one application instance, with
 * the given {@code Authorization} (an API token of the DETECTOR role), timed from just before sending until the whole
 * answer is read. Each
 * workload takes the batches in the same order from its own counter, so both instances see the same batches.
 */
final class TransactionBatchWorkload implements Workload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String description;
    private final URI uri;
    private final String authorization;
    private final List<byte[]> batches;
    private final int batchSize;
    private final HttpClient client;
    private final AtomicLong next = new AtomicLong();
    final LongAdder transactions = new LongAdder();
    final LongAdder hits = new LongAdder();
    final Map<String, LongAdder> hitsByRule = new ConcurrentHashMap<>();
    final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    volatile int rulesReported = -1;

    TransactionBatchWorkload(String name, String description, int port, String authorization, List<byte[]> batches,
                             int batchSize) {
        this.name = name;
        this.description = description;
        this.uri = URI.create("http://127.0.0.1:" + port + "/api/transactions");
        this.authorization = authorization;
        this.batches = batches;
        this.batchSize = batchSize;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int commandsPerUnit() {
        return 1;
    }

    @Override
    public void runUnit(long unit, LatencyRecorder recorder) throws Exception {
        byte[] batch = batches.get((int) (next.getAndIncrement() % batches.size()));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch))
                .build();
        HttpResponse<byte[]> response = recorder.time(() -> client.send(request,
                HttpResponse.BodyHandlers.ofByteArray()));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode result = JSON.readTree(response.body());
        if (result.path("transactions").asInt() != batchSize) {
            throw new IllegalStateException("evaluated " + result.path("transactions") + " of " + batchSize);
        }
        transactions.add(batchSize);
        rulesReported = result.path("rules").asInt();
        hits.add(result.path("hits").asInt());
        for (JsonNode hit : result.path("detections")) {
            hitsByRule.computeIfAbsent(hit.path("ruleId").asText(), key -> new LongAdder()).increment();
            outcomes.computeIfAbsent(hit.path("outcome").asText(), key -> new LongAdder()).increment();
        }
    }

    Map<String, Object> counts() {
        Map<String, Long> byRule = new java.util.TreeMap<>();
        hitsByRule.forEach((rule, count) -> byRule.put(rule, count.sum()));
        Map<String, Long> byOutcome = new java.util.TreeMap<>();
        outcomes.forEach((outcome, count) -> byOutcome.put(outcome, count.sum()));
        return Map.of("transactionsEvaluated", transactions.sum(), "activeRules", rulesReported,
                "hits", hits.sum(), "hitsByRule", byRule, "hitOutcomes", byOutcome);
    }
}
