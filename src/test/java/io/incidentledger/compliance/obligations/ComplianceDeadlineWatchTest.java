package io.incidentledger.compliance.obligations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.incidentledger.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Regulatory deadlines near or missed reach the incident, and through it the alerting, once each. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:compliance-watch;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.compliance.watch-interval=1h",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-${random.uuid}.checkpoint"
})
class ComplianceDeadlineWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ComplianceDeadlineWatch watch;

    @Test
    void aReportDueSoonIsAnnouncedOnceAndReachesTheAlerting() {
        ApiClient api = new ApiClient(port);
        String id = report(api);
        post(api, id, "classifications", "{\"classification\":\"DORA_MAJOR\",\"rationale\":\"critical service down\"}");
        awaitStatus(api, id, "DORA_INITIAL", "DUE_SOON");

        watch.pass();
        watch.pass();

        JsonNode incident = awaitIncident(api, id, "Deadline approaching: REGULATORY_REPORT of DORA_INITIAL");
        assertThat(count(incident.path("timeline"), "DeadlineApproaching")).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                api.get("commander", "/api/incidents/" + id + "/notifications").body())
                .contains("DEADLINE_APPROACHING"));
    }

    @Test
    void aMissedReportIsRecordedAtTheFirstEscalationTier() {
        ApiClient api = new ApiClient(port);
        String id = report(api, Instant.now().minus(4, ChronoUnit.DAYS));
        post(api, id, "awareness", "{\"awareAt\":\"" + Instant.now().minus(4, ChronoUnit.DAYS).truncatedTo(
                ChronoUnit.SECONDS) + "\",\"basis\":\"customer complaint\"}");
        post(api, id, "classifications", "{\"classification\":\"GDPR_PERSONAL_DATA_BREACH\",\"rationale\":\"emails\"}");
        awaitStatus(api, id, "GDPR_SA_NOTIFICATION", "MISSED");

        watch.pass();

        JsonNode incident = awaitIncident(api, id, "Deadline missed: REGULATORY_REPORT of GDPR_SA_NOTIFICATION");
        assertThat(incident.path("timeline").toString()).contains("escalated to tier 1");
        watch.pass();
        assertThat(count(api.get("commander", "/api/incidents/" + id).json().path("timeline"), "DeadlineMissed"))
                .isEqualTo(1);
    }

    private static String report(ApiClient api) {
        return report(api, null);
    }

    private static String report(ApiClient api, Instant detectedAt) {
        ApiClient.Response reported = api.post("responder", "/api/incidents", "{\"title\":\"Client data exposed\","
                + "\"severity\":\"HIGH\",\"category\":\"DATA_BREACH\""
                + (detectedAt == null ? "" : ",\"detectedAt\":\"" + detectedAt.truncatedTo(ChronoUnit.SECONDS) + "\"")
                + "}");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return reported.json().get("incidentId").asString();
    }

    private static void post(ApiClient api, String id, String fact, String body) {
        ApiClient.Response response = api.post("commander", "/api/incidents/" + id + "/compliance/" + fact, body);
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private static void awaitStatus(ApiClient api, String id, String stage, String status) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                api.get("regulator", "/api/compliance/incidents/" + id + "/obligations").body())
                .contains("\"stage\":\"" + stage + "\"").contains("\"status\":\"" + status + "\""));
    }

    private static JsonNode awaitIncident(ApiClient api, String id, String line) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode incident = api.get("commander", "/api/incidents/" + id).json();
            assertThat(incident.path("timeline").toString()).contains(line);
            found[0] = incident;
        });
        return found[0];
    }

    private static long count(JsonNode timeline, String type) {
        long count = 0;
        for (JsonNode entry : timeline) {
            if (type.equals(entry.path("type").asString())) {
                count++;
            }
        }
        return count;
    }
}
