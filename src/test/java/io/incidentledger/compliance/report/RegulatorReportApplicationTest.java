package io.incidentledger.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.incidentledger.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The regulator report over HTTP on the embedded database: an incident driven from report to closure, with its
 * compliance facts, read back by a regulator as JSON and as a printable page, and tied to the signed ledger.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:regulator-report;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/report/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/report/witness-${random.uuid}.checkpoint"
})
class RegulatorReportApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TITLE = "Hot wallet <script>alert('x')</script> & key exposed";
    private static final String ROOT_CAUSE = "signing key committed to a <b>public</b> repository";

    @LocalServerPort
    int port;

    @Test
    void aRegulatorReadsTheWholeStoryOfAClosedIncidentAsJson() {
        ApiClient api = new ApiClient(port);
        String id = closedIncidentWithComplianceFacts(api);

        JsonNode report = awaitReport(api, id, complete(api, id));

        assertThat(report.path("generatedBy").asString()).isEqualTo("regulator");
        assertThat(report.path("generatedAt").asString()).isNotBlank();
        JsonNode incident = report.path("incident");
        assertThat(incident.path("incidentId").asString()).isEqualTo(id);
        assertThat(incident.path("title").asString()).isEqualTo(TITLE);
        assertThat(incident.path("category").asString()).isEqualTo("KEY_COMPROMISE");
        assertThat(incident.path("severity").asString()).isEqualTo("HIGH");
        assertThat(incident.path("status").asString()).isEqualTo("CLOSED");
        assertThat(incident.path("source").asString()).isEqualTo("MANUAL");
        assertThat(incident.path("times").path("containedAt").asString()).isNotBlank();
        assertThat(incident.path("times").path("closedAt").asString()).isNotBlank();

        JsonNode facts = report.path("facts");
        assertThat(facts.path("regimes").toString()).contains("DORA").contains("GDPR");
        assertThat(facts.path("regimesAssessed").asBoolean()).isTrue();
        assertThat(facts.path("awareAt").asString()).isNotBlank();
        assertThat(facts.path("awareness")).hasSize(1);
        assertThat(facts.path("awareness").get(0).path("summary").asString()).contains("SOC confirmed");
        assertThat(facts.path("classifications").get(0).path("summary").asString()).contains("DORA_MAJOR");
        assertThat(facts.path("classifications").get(0).path("recordedBy").asString()).isEqualTo("commander");
        assertThat(facts.path("regimeAssessments")).hasSize(1);
        assertThat(facts.path("materiality")).isEmpty();
        assertThat(facts.path("submissions")).hasSize(1);
        assertThat(facts.path("submissions").get(0).path("stage").asString()).isEqualTo("DORA_INITIAL");
        assertThat(facts.path("submissions").get(0).path("authorityReference").asString())
                .isEqualTo("BaFin-2026-0042");

        JsonNode doraInitial = obligation(report, "DORA_INITIAL");
        assertThat(doraInitial.path("status").asString()).isEqualTo("MET");
        assertThat(doraInitial.path("regime").asString()).isEqualTo("DORA");
        assertThat(doraInitial.path("dueAt").asString()).isNotBlank();
        assertThat(doraInitial.path("explanation").asString()).isNotBlank();
        assertThat(doraInitial.path("provision").asString()).contains("2025/301");
        JsonNode intermediate = obligation(report, "DORA_INTERMEDIATE");
        assertThat(intermediate.path("status").asString()).isEqualTo("PENDING");
        assertThat(intermediate.path("anchoredAt").asString()).isEqualTo(doraInitial.path("submittedAt").asString());

        JsonNode actions = report.path("containment").path("actions");
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).path("action").asString()).isEqualTo("REVOKE_KEY");
        assertThat(actions.get(0).path("target").path("identifier").asString()).isEqualTo("hot-wallet-1");
        assertThat(report.path("containment").path("steps").isArray()).isTrue();

        JsonNode review = report.path("review");
        assertThat(review.path("rootCause").asString()).isEqualTo(ROOT_CAUSE);
        assertThat(review.path("lessonsLearned").asString()).isEqualTo("scan repositories for keys");
        assertThat(review.path("actionItems").get(0).path("description").asString()).isEqualTo("rotate hot keys");

        // every event of the incident, each with the hash the ledger holds for it
        JsonNode events = api.get("regulator", "/api/incidents/" + id + "/events").json();
        JsonNode timeline = report.path("timeline");
        assertThat(timeline.size()).isEqualTo(events.size()).isGreaterThanOrEqualTo(12);
        Map<String, String> hashes = new HashMap<>();
        events.forEach(event -> hashes.put(event.path("eventId").asString(),
                event.path("entryHash").asString()));
        for (JsonNode entry : timeline) {
            assertThat(entry.path("entryHash").asString()).as(entry.toString())
                    .isEqualTo(hashes.get(entry.path("eventId").asString()));
            assertThat(entry.path("actor").asString()).isNotBlank();
        }
        assertThat(timeline.toString()).contains("RegulatoryReportSubmitted").contains("PostIncidentReviewRecorded");

        JsonNode ledger = report.path("ledger");
        String checkpoint = api.get("regulator", "/api/ledger/checkpoint").body();
        assertThat(ledger.path("checkpoint").asString()).isNotBlank();
        assertThat(checkpoint).startsWith(ledger.path("origin").asString() + "\n");
        assertThat(ledger.path("treeSize").asLong()).isGreaterThanOrEqualTo(timeline.size());
        assertThat(ledger.path("eventsCovered").asInt()).isEqualTo(timeline.size());
        assertThat(ledger.path("auditBundle").asString()).isEqualTo("/api/incidents/" + id + "/audit-bundle");
        assertThat(api.get("regulator", ledger.path("auditBundle").asString()).status()).isEqualTo(200);
        String proof = timeline.get(0).path("inclusionProof").asString();
        assertThat(api.get("regulator", proof).json().path("leafIndex").asLong())
                .isEqualTo(timeline.get(0).path("leafIndex").asLong());
        // and the regulator's reading of the report is itself on the record
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("commander", "/api/compliance/access-log?incidentId=" + id + "&reader=regulator").body())
                .contains("\"view\":\"report\""));
    }

    @Test
    void thePrintablePageShowsTheSameSectionsWithEveryValueEscaped() {
        ApiClient api = new ApiClient(port);
        String id = closedIncidentWithComplianceFacts(api);
        JsonNode report = awaitReport(api, id, complete(api, id));

        ApiClient.Response page = api.get("regulator", "/api/compliance/incidents/" + id + "/report.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualToIgnoringCase("text/html;charset=UTF-8");
        String html = page.body();
        assertThat(html).doesNotContainIgnoringCase("<script");
        assertThat(html).contains("Hot wallet &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; key exposed");
        assertThat(html).contains("signing key committed to a &lt;b&gt;public&lt;/b&gt; repository");
        assertThat(html).contains("DORA_INITIAL").contains("BaFin-2026-0042").contains("REVOKE_KEY")
                .contains(report.path("ledger").path("origin").asString())
                .contains("/api/incidents/" + id + "/audit-bundle");
        int previous = -1;
        for (String section : RegulatorReportHtml.SECTIONS) {
            int at = html.indexOf(". " + section + "</h2>");
            assertThat(at).as(section).isGreaterThan(previous);
            previous = at;
        }
    }

    @Test
    void theReportListsTheContainmentStepsAsTheContainmentApiShowsThem() {
        ApiClient api = new ApiClient(port);
        String id = report(api);
        ApiClient.Response requested = api.post("commander", "/api/incidents/" + id + "/containment/steps",
                "{\"action\":\"NOTIFY\",\"reason\":\"tell the exchange's partners\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String stepId = requested.json().path("stepId").asString();

        JsonNode report = awaitReport(api, id, found -> step(found.path("containment").path("steps"), stepId) != null);

        // the playbook of a HIGH key compromise asks for a step of its own: the report has both, as the API does
        JsonNode listed = api.get("commander", "/api/incidents/" + id + "/containment/steps").json();
        assertThat(report.path("containment").path("steps")).hasSize(listed.size()).hasSizeGreaterThan(1);
        for (JsonNode step : listed) {
            JsonNode reported = step(report.path("containment").path("steps"), step.path("stepId").asString());
            assertThat(reported).as(step.toString()).isNotNull();
            assertThat(reported.path("playbook")).isEqualTo(step.path("playbook"));
            assertThat(reported.path("requestedBy")).isEqualTo(step.path("requestedBy"));
        }
        assertThat(step(report.path("containment").path("steps"), stepId).path("requestedBy").asString())
                .isEqualTo("commander");
        assertThat(api.get("regulator", "/api/compliance/incidents/" + id + "/report.html").body())
                .contains("<td>" + stepId + " (manual)</td><td>NOTIFY</td>");
    }

    private static JsonNode step(JsonNode steps, String stepId) {
        for (JsonNode step : steps) {
            if (stepId.equals(step.path("stepId").asString())) {
                return step;
            }
        }
        return null;
    }

    @Test
    void anUnknownIncidentIsNotFound() {
        ApiClient api = new ApiClient(port);
        for (String path : new String[]{"/report", "/report.html"}) {
            for (String id : new String[]{UUID.randomUUID().toString(), "not-an-incident"}) {
                ApiClient.Response response = api.get("regulator", "/api/compliance/incidents/" + id + path);
                assertThat(response.status()).as(id + path).isEqualTo(404);
                assertThat(response.contentType()).as(id + path).startsWith("application/problem+json");
                assertThat(response.code()).isEqualTo("incident-not-found");
            }
        }
    }

    @Test
    void withTheTemplateEngineInPlaceABrowserStillGetsProblemsNotPages() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String credentials = Base64.getEncoder().encodeToString("regulator:regulator".getBytes(StandardCharsets.UTF_8));
        for (String path : new String[]{"/api/compliance/incidents/" + UUID.randomUUID() + "/report.html",
                "/api/no-such-resource", "/error"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .header("Authorization", "Basic " + credentials).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(path).doesNotContainIgnoringCase("<html");
        }
    }

    @Test
    void onlyRegulatorsCommandersAndAdminsReadTheReport() {
        ApiClient api = new ApiClient(port);
        String id = report(api);
        for (String path : new String[]{"/report", "/report.html"}) {
            String url = "/api/compliance/incidents/" + id + path;
            assertThat(api.get("responder", url).status()).as(path).isEqualTo(403);
            assertThat(api.get(null, url).status()).as(path).isEqualTo(401);
            assertThat(api.get("commander", url).status()).as(path).isEqualTo(200);
            assertThat(api.get("admin", url).status()).as(path).isEqualTo(200);
        }
    }

    private static String report(ApiClient api) {
        ApiClient.Response reported = api.post("responder", "/api/incidents", "{\"title\":\"" + TITLE.replace("\"",
                "\\\"") + "\",\"description\":\"hot key seen on a paste site\",\"severity\":\"HIGH\","
                + "\"category\":\"KEY_COMPROMISE\"}");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return reported.json().get("incidentId").asString();
    }

    /** Twelve events: reported, acknowledged, triaged, four compliance facts, action, contained, resolved, review, closed. */
    private static String closedIncidentWithComplianceFacts(ApiClient api) {
        String id = report(api);
        String path = "/api/incidents/" + id;
        for (String[] step : new String[][]{
                {"responder", "/acknowledgement", null},
                {"responder", "/triage", "{\"severity\":\"HIGH\",\"category\":\"KEY_COMPROMISE\"}"},
                {"commander", "/compliance/regimes", "{\"regimes\":[\"DORA\",\"GDPR\"],\"rationale\":\"EU CASP\"}"},
                {"commander", "/compliance/awareness", "{\"basis\":\"SOC confirmed\"}"},
                {"commander", "/compliance/classifications",
                        "{\"classification\":\"DORA_MAJOR\",\"rationale\":\"critical service down\"}"},
                {"commander", "/compliance/submissions",
                        "{\"stage\":\"DORA_INITIAL\",\"authorityReference\":\"BaFin-2026-0042\"}"},
                {"responder", "/containment-actions", "{\"action\":\"REVOKE_KEY\",\"target\":{\"type\":"
                        + "\"SIGNING_KEY\",\"identifier\":\"hot-wallet-1\"},\"description\":\"key revoked at HSM\"}"},
                {"responder", "/containment", "{\"summary\":\"key revoked\"}"},
                {"commander", "/resolution", "{\"summary\":\"key rotated, funds safe\"}"},
                {"commander", "/review", "{\"rootCause\":\"" + ROOT_CAUSE + "\",\"lessonsLearned\":"
                        + "\"scan repositories for keys\",\"actionItems\":[\"rotate hot keys\"]}"},
                {"commander", "/closure", null}}) {
            ApiClient.Response response = api.post(step[0], path + step[1], step[2]);
            assertThat(response.status()).as(step[1] + ": " + response.body()).isEqualTo(204);
        }
        return id;
    }

    /** The report once every view has caught up and the newest checkpoint covers every event of the incident. */
    private static Predicate<JsonNode> complete(ApiClient api, String id) {
        return report -> {
            JsonNode events = api.get("regulator", "/api/incidents/" + id + "/events").json();
            return report.path("timeline").size() == events.size()
                    && "CLOSED".equals(report.path("incident").path("status").asString())
                    && report.path("facts").path("submissions").size() == 1
                    && report.path("ledger").path("eventsCovered").asInt() == events.size()
                    && report.path("obligations").toString().contains("\"MET\"");
        };
    }

    private static JsonNode awaitReport(ApiClient api, String id, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            ApiClient.Response response = api.get("regulator", "/api/compliance/incidents/" + id + "/report");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(condition.test(response.json())).as(response.body()).isTrue();
            found[0] = response.json();
        });
        return found[0];
    }

    private static JsonNode obligation(JsonNode report, String stage) {
        for (JsonNode obligation : report.path("obligations")) {
            if (stage.equals(obligation.path("stage").asString())) {
                return obligation;
            }
        }
        throw new AssertionError("no " + stage + " obligation in " + report.path("obligations"));
    }
}
