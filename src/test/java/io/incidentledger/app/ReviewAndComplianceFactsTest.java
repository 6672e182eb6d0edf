package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Predicate;

import io.incidentledger.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The post-incident review's follow-up and the compliance facts over HTTP on the embedded database: action items
 * outlive the closure, the lessons-learned view reads across incidents, and a regulator reads but records nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:review;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-${random.uuid}.checkpoint"
})
class ReviewAndComplianceFactsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Test
    void actionItemsOutliveTheClosureAndTheLessonsLearnedViewShowsThem() {
        ApiClient api = new ApiClient(port);
        String id = closedAfterReview(api);
        String review = "/api/incidents/" + id + "/review";

        ApiClient.Response added = api.post("commander", review + "/action-items",
                "{\"description\":\"rotate every hot-wallet key\",\"owner\":\"custody-team\",\"dueDate\":\"2026-12-31\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("itemId").asString()).isEqualTo("A2");
        assertThat(api.post("responder", review + "/action-items/A1/start", null).status()).isEqualTo(204);
        assertThat(api.post("responder", review + "/action-items/A1/closure",
                "{\"evidence\":\"secret masking merged in ci#412\"}").status()).isEqualTo(204);
        assertThat(api.post("commander", review + "/contributing-factors",
                "{\"factor\":\"no secret scanning in CI\"}").status()).isEqualTo(204);
        assertThat(api.post("commander", review + "/procedure-changes",
                "{\"description\":\"CI fails on secrets\",\"reference\":\"ci-policy v7\"}").status()).isEqualTo(204);
        assertThat(api.post("responder", review + "/contributing-factors", "{\"factor\":\"x\"}").status())
                .isEqualTo(403);
        assertThat(api.post("commander", review + "/action-items/A9/start", null).code())
                .isEqualTo("action-item-not-found");

        JsonNode incident = awaitView(api, "/api/incidents/" + id,
                view -> view.path("review").path("procedureChanges").size() == 1);
        JsonNode items = incident.path("review").path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("status").asString()).isEqualTo("DONE");
        assertThat(items.get(0).path("evidence").asString()).isEqualTo("secret masking merged in ci#412");
        assertThat(items.get(0).path("closedBy").asString()).isEqualTo("responder");
        assertThat(items.get(1).path("owner").asString()).isEqualTo("custody-team");
        assertThat(items.get(1).path("status").asString()).isEqualTo("OPEN");
        assertThat(incident.path("review").path("contributingFactors").get(0).asString())
                .isEqualTo("no secret scanning in CI");

        JsonNode open = awaitView(api, "/api/compliance/lessons-learned?openActionItems=true&category=DATA_BREACH",
                list -> containsIncident(list, id));
        assertThat(containsIncident(open, id)).isTrue();
        assertThat(api.get("regulator", "/api/compliance/lessons-learned").status()).isEqualTo(200);
        assertThat(api.get("responder", "/api/compliance/lessons-learned").status()).isEqualTo(403);

        assertThat(api.post("commander", review + "/action-items/A2/closure", "{\"evidence\":\"keys rotated\"}")
                .status()).isEqualTo(204);
        awaitView(api, "/api/compliance/lessons-learned?openActionItems=true", list -> !containsIncident(list, id));
    }

    @Test
    void aCommanderRecordsComplianceFactsAndARegulatorCannot() {
        ApiClient api = new ApiClient(port);
        String id = report(api);
        String compliance = "/api/incidents/" + id + "/compliance/";
        assertThat(api.post("commander", compliance + "regimes", "{\"regimes\":[\"DORA\",\"GDPR\"],\"rationale\":\"EU CASP\"}")
                .status()).isEqualTo(204);
        assertThat(api.post("commander", compliance + "awareness", "{\"basis\":\"SOC confirmed\"}").status())
                .isEqualTo(204);
        assertThat(api.post("commander", compliance + "classifications",
                "{\"classification\":\"DORA_MAJOR\",\"rationale\":\"critical service down\"}").status()).isEqualTo(204);
        assertThat(api.post("commander", compliance + "submissions",
                "{\"stage\":\"DORA_INITIAL\",\"authorityReference\":\"BaFin-1\"}").status()).isEqualTo(204);

        ApiClient.Response wrongRegime = api.post("commander", compliance + "classifications",
                "{\"classification\":\"HIPAA_BREACH\",\"rationale\":\"not assessed\"}");
        assertThat(wrongRegime.status()).isEqualTo(422);
        assertThat(wrongRegime.code()).isEqualTo("regime-not-applicable");
        for (String fact : new String[]{"awareness", "classifications", "materiality", "extortion-payments", "regimes",
                "submissions"}) {
            assertThat(api.post("regulator", compliance + fact, "{}").status()).as(fact).isEqualTo(403);
        }
        JsonNode incident = awaitView(api, "/api/incidents/" + id, view -> view.path("timeline").size() >= 5);
        assertThat(incident.path("timeline").toString()).contains("RegulatoryReportSubmitted");
    }

    private static String report(ApiClient api) {
        ApiClient.Response reported = api.post("responder", "/api/incidents",
                "{\"title\":\"Customer data exposed\",\"severity\":\"HIGH\",\"category\":\"DATA_BREACH\"}");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return reported.json().get("incidentId").asString();
    }

    private static String closedAfterReview(ApiClient api) {
        String id = report(api);
        String path = "/api/incidents/" + id;
        for (String[] step : new String[][]{{"responder", "/acknowledgement", null},
                {"responder", "/triage", "{\"severity\":\"HIGH\",\"category\":\"DATA_BREACH\"}"},
                {"commander", "/resolution", "{\"summary\":\"export closed\"}"},
                {"commander", "/review", "{\"rootCause\":\"public bucket\",\"lessonsLearned\":\"scan buckets\","
                        + "\"actionItems\":[\"mask secrets\"]}"},
                {"commander", "/closure", null}}) {
            ApiClient.Response response = api.post(step[0], path + step[1], step[2]);
            assertThat(response.status()).as(step[1] + ": " + response.body()).isEqualTo(204);
        }
        return id;
    }

    private static boolean containsIncident(JsonNode list, String id) {
        for (JsonNode entry : list) {
            if (id.equals(entry.path("incidentId").asString())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode awaitView(ApiClient api, String path, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            ApiClient.Response response = api.get("commander", path);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(condition.test(response.json())).as(path + ": " + response.body()).isTrue();
            found[0] = response.json();
        });
        return found[0];
    }
}
