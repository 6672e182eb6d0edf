package io.incidentledger.console.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The incident workspace over HTTP with the demo users: who sees which actions, what a regulator's visit records,
 * the event hashes and checkpoint coverage, escaping, the 404 page and the live parts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-workspace;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/console-workspace/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-workspace/witness-${random.uuid}.checkpoint"
})
class WorkspacePageTest {

    private static final Duration VIEWS = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private String report(String title, String severity, String category) {
        Response reported = api.post("responder", "/api/incidents", """
                {"title":"%s","description":"seen by the desk","severity":"%s","category":"%s"}"""
                .formatted(title, severity, category));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().get("incidentId").asString();
        await().atMost(VIEWS).until(() -> api.get("responder", "/api/incidents/" + id).status() == 200);
        return id;
    }

    /** A HIGH node compromise on a registered node: the demo playbook asks a commander to approve isolating it. */
    private String incidentWithAStepAwaitingApproval() {
        String node = "validator-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("admin", "/api/assets/nodes",
                "{\"name\":\"" + node + "\",\"role\":\"VALIDATOR\",\"chain\":\"ethereum\"}").status()).isEqualTo(201);
        String id = report("Validator signing unknown blocks", "HIGH", "NODE_COMPROMISE");
        assertThat(api.post("responder", "/api/incidents/" + id + "/affected-assets",
                "{\"assets\":[{\"type\":\"NODE\",\"identifier\":\"" + node + "\"}],\"reason\":\"seen in the logs\"}")
                .status()).isEqualTo(204);
        await().atMost(VIEWS).until(() -> api.get("commander", "/api/incidents/" + id + "/containment/steps").body()
                .contains("AWAITING_APPROVAL"));
        return id;
    }

    private String page(String user, String id) {
        Response page = api.get(user, "/console/incidents/" + id);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        return page.body();
    }

    @Test
    void theWorkspaceShowsTheIncidentsStateToResponderCommanderAndRegulator() {
        String id = report("Hot wallet drained", "HIGH", "KEY_COMPROMISE");

        for (String user : new String[] {"responder", "commander", "regulator"}) {
            assertThat(page(user, id)).contains("Hot wallet drained", "id=\"status\"", ">REPORTED<", "KEY_COMPROMISE",
                    "IncidentReported", "id=\"verify\"", "data-live=\"" + id + "\"");
        }
        assertThat(api.get("detector", "/console/incidents/" + id).status()).isEqualTo(403);
    }

    /** A Forta alert as the GraphQL API returns it, with a label: shown on the incident by the API and the console. */
    @Test
    void theLabelsADetectorPutOnEntitiesAreShownInTheApiAndTheWorkspace() throws Exception {
        String alert;
        try (java.io.InputStream in = getClass().getResourceAsStream("/detection/forta/graphql-alert.json")) {
            alert = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("ICE-PHISHING-PREV-APPROVALS", "ICE-PHISHING-" + UUID.randomUUID());
        }
        Response opened = api.post("detector", "/api/detections/forta", alert);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().path("incidentId").asString();

        await().atMost(VIEWS).until(() -> api.get("responder", "/api/incidents/" + id).status() == 200);
        JsonNode label = api.get("responder", "/api/incidents/" + id).json().path("detections").get(0)
                .path("labels").get(0);
        assertThat(label.path("label").asString()).isEqualTo("scammer-eoa");
        assertThat(label.path("entity").asString()).isEqualTo("0xdeadbeef00000000000000000000000000000001");
        assertThat(label.path("confidence").asDouble()).isEqualTo(0.9);
        assertThat(page("responder", id)).contains(">scammer-eoa<", ">0xdeadbeef00000000000000000000000000000001<",
                "confidence 0.9");
    }

    @Test
    void aResponderSeesTheirActionsButNeitherApprovalNorAssignmentNorClosure() {
        String id = incidentWithAStepAwaitingApproval();

        String responder = page("responder", id);

        assertThat(responder).contains("id=\"action-acknowledge\"", "id=\"action-note\"", "id=\"action-evidence\"",
                "id=\"action-containment-action\"", "AWAITING_APPROVAL");
        assertThat(responder).doesNotContain("id=\"action-assign\"", "id=\"action-close\"", "id=\"action-dismiss\"",
                "id=\"action-step\"", "class=\"step-approve\"", "class=\"step-refuse\"", "/approval");
    }

    @Test
    void aCommanderSeesApproveAndRefuseForAWaitingStepAndTheCommandersActions() {
        String id = incidentWithAStepAwaitingApproval();

        String commander = page("commander", id);

        assertThat(commander).contains("class=\"step-approve\"", "class=\"step-refuse\"", "/approval\"",
                "id=\"action-assign\"", "id=\"action-dismiss\"", "id=\"action-step\"");
        assertThat(commander).doesNotContain("id=\"action-close\"", "id=\"action-reopen\"");
    }

    @Test
    void actionsThatDoNotFitTheStatusAreNotOffered() {
        String id = report("Phishing mail", "LOW", "PHISHING");
        assertThat(api.post("commander", "/api/incidents/" + id + "/acknowledgement", null).status()).isEqualTo(204);

        await().atMost(VIEWS).until(() -> page("commander", id).contains("id=\"action-triage\""));
        String commander = page("commander", id);
        assertThat(commander).doesNotContain("id=\"action-acknowledge\"", "id=\"action-eradication\"",
                "id=\"action-de-escalate\"");
    }

    @Test
    void aRegulatorSeesNoActionsAndTheirVisitIsRecordedInTheAccessLog() {
        String id = incidentWithAStepAwaitingApproval();

        String regulator = page("regulator", id);

        assertThat(regulator).contains("AWAITING_APPROVAL")
                .doesNotContain("id=\"action-", "class=\"step-approve\"", "hx-ext=\"api-json\"", "api-empty");
        await().atMost(VIEWS).until(() -> api.get("commander", "/api/compliance/access-log?incidentId=" + id
                + "&reader=regulator").body().contains("\"view\":\"incident\""));
    }

    @Test
    void aResponderSeesNoEventHashesWhichTheApiDoesNotShowThem() {
        String id = report("Laptop stolen", "MEDIUM", "OTHER");

        assertThat(api.get("responder", "/api/incidents/" + id + "/events").status()).isEqualTo(403);
        assertThat(page("responder", id)).doesNotContain("event-hash", "id=\"checkpoint\"", "id=\"compliance\"");
    }

    @Test
    void aCommanderSeesEachEventsHashAndWhetherASignedCheckpointCoversIt() {
        String id = report("Bridge paused", "MEDIUM", "OTHER");
        JsonNode events = api.get("commander", "/api/incidents/" + id + "/events").json();
        String hash = events.get(0).get("entryHash").asString();

        assertThat(page("commander", id)).contains(hash, "id=\"checkpoint\"");
        await().atMost(VIEWS).until(() -> page("commander", id).contains("covered by the signed checkpoint (leaf "));
    }

    @Test
    void aCommanderSeesTheNotificationsDeliveryAndTheReportingDeadlinesCountingDown() {
        String id = report("Customer data exfiltrated", "HIGH", "DATA_BREACH");
        assertThat(api.post("commander", "/api/incidents/" + id + "/compliance/awareness",
                "{\"basis\":\"the SOC confirmed the exfiltration\"}").status()).isEqualTo(204);
        assertThat(api.post("commander", "/api/incidents/" + id + "/compliance/classifications",
                "{\"classification\":\"GDPR_PERSONAL_DATA_BREACH\",\"rationale\":\"customer e-mail addresses\"}")
                .status()).isEqualTo(204);

        await().atMost(VIEWS).until(() -> page("commander", id).contains("data-countdown"));
        await().atMost(VIEWS).until(() -> page("commander", id).contains(">DELIVERED<"));
        String commander = page("commander", id);
        assertThat(commander).contains("id=\"notifications\"", "id=\"compliance\"", "AwarenessRecorded",
                "the SOC confirmed the exfiltration");
        assertThat(commander).containsPattern("<time data-countdown\\s+datetime=\"\\d{4}-\\d{2}-\\d{2}T[^\"]+\"");
    }

    @Test
    void valuesAreEscapedAndThePageRunsNoInlineScriptOrStyle() {
        String id = report("<script>alert(1)</script><img src=x onerror=alert(2)>", "LOW", "OTHER");
        assertThat(api.post("responder", "/api/incidents/" + id + "/notes",
                "{\"text\":\"<b onmouseover=alert(3)>bold</b>\"}").status()).isEqualTo(204);
        await().atMost(VIEWS).until(() -> page("commander", id).contains("NoteAdded"));

        Response page = api.get("commander", "/console/incidents/" + id);

        assertThat(page.body()).doesNotContain("<script>alert(1)</script>", "<img src=x", "<b onmouseover")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("<[^>]*\\sstyle=").doesNotContainPattern("<[^>]*\\son[a-z]+=");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void anUnknownOrMalformedIncidentIdIsANotFoundPage() {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-an-id", "access-log:x", "1-1-1-1-1"}) {
            Response page = api.get("commander", "/console/incidents/" + id);
            assertThat(page.status()).as(id).isEqualTo(404);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body()).contains("Not found", "no incident");
        }
        assertThat(api.get("commander", "/console/incidents/" + UUID.randomUUID() + "/record").status())
                .isEqualTo(404);
    }

    @Test
    void aPartFetchedWithWaitForShowsTheEventItWaitedFor() {
        String id = report("Suspicious login", "LOW", "OTHER");
        assertThat(api.post("responder", "/api/incidents/" + id + "/notes",
                "{\"text\":\"checked the VPN logs\"}").status()).isEqualTo(204);
        JsonNode events = api.get("commander", "/api/incidents/" + id + "/events").json();
        long sequence = events.get(events.size() - 1).get("sequence").asLong();

        Response record = api.get("responder", "/console/incidents/" + id + "/record?waitFor=" + id + ":" + sequence);

        assertThat(record.status()).isEqualTo(200);
        assertThat(record.body()).contains("id=\"record\"", "checked the VPN logs").doesNotContain("<html");
        Response overview = api.get("responder", "/console/incidents/" + id + "/overview?waitFor=nonsense");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).contains("id=\"overview\"", "seen by the desk").doesNotContain("<summary", "<html");
        assertThat(api.get("responder", "/console/incidents/" + id + "/actions").body())
                .contains("id=\"actions\"");
    }
}
