package io.incidentledger.containment.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Predicate;

import io.incidentledger.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/** Waiting for what the application shows through its API, as a commander sees it. */
final class ApiWaits {

    static final Duration WAIT = Duration.ofSeconds(40);

    private ApiWaits() {
    }

    /** The JSON at {@code path} once it meets {@code condition}. */
    static JsonNode awaitJson(ApiClient api, String path, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            ApiClient.Response response = api.get("commander", path);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(condition.test(response.json())).as(path + ": " + response.body()).isTrue();
            found[0] = response.json();
        });
        return found[0];
    }

    /** A field as text; null when it is missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
