package io.incidentledger.console.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The queues page and its part over HTTP with the demo users: who may open it, that each queue lists exactly what
 * waits (and lets go of what no longer does), the actions only commanders see, and escaping. Mail goes to a port
 * nobody listens on, so every notification fails to arrive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-queues;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/console-queues/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-queues/witness-${random.uuid}.checkpoint",
        "spring.mail.host=127.0.0.1",
        "incident-ledger.alerting.mail.timeout=1s",
        "incident-ledger.alerting.delivery.poll-interval=100ms",
        "incident-ledger.alerting.delivery.initial-backoff=200ms",
        "incident-ledger.alerting.delivery.max-backoff=2s"
})
class QueuesPageTest {

    private static final Duration VIEWS = Duration.ofSeconds(20);
    private static final Pattern ROW = Pattern.compile("<tr\\b[^>]*data-incident=\"([^\"]+)\"[^>]*>(.*?)</tr>",
            Pattern.DOTALL);

    @DynamicPropertySource
    static void mailServerThatIsNotThere(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", QueuesPageTest::closedPort);
    }

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    // --- who may open it ---

    @Test
    void theQueuesAreAPageForResponseTeamAndAdminsButNotForRegulatorsOrDetectors() {
        for (String user : new String[] {"responder", "commander", "admin"}) {
            Response page = api.get(user, "/console/queues");
            assertThat(page.status()).as(user).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body()).contains("Queues across incidents", "Containment steps awaiting approval",
                    "Failed containment steps", "Failing notifications", "due within 24 hours or missed");
        }
        assertThat(api.get("regulator", "/console/queues").status()).isEqualTo(403);
        assertThat(api.get("detector", "/console/queues").status()).isEqualTo(403);
        assertThat(api.get("detector", "/console/queues/part").status()).isEqualTo(403);
        assertThat(api.get(null, "/console/queues").status()).isEqualTo(401);
    }

    // --- (1) awaiting approval, (2) failed ---

    @Test
    void aStepAwaitingApprovalIsQueuedUntilACommanderApprovesIt() {
        String incident = exploit("Vault drained");
        String step = awaitStep(incident, "AWAITING_APPROVAL");
        await().atMost(VIEWS).until(() -> queue("approval").contains(incident));
        assertThat(queue("failed-steps")).doesNotContain(incident);

        assertThat(api.post("commander", stepPath(incident, step) + "/approval", "{\"comment\":\"pause it\"}")
                .status()).isEqualTo(204);
        await().atMost(VIEWS).until(() -> !queue("approval").contains(incident));
    }

    @Test
    void aStepThatFailedIsQueuedWithItsErrorAndACommanderMayRetryItFromThere() {
        String incident = exploit("Bridge drained");
        String step = awaitStep(incident, "AWAITING_APPROVAL");
        api.post("commander", stepPath(incident, step) + "/approval", "{}");
        awaitStep(incident, "FAILED");

        await().atMost(VIEWS).until(() -> queue("failed-steps").contains(incident));
        String commander = rowOf(queue("failed-steps"), incident);
        assertThat(commander).contains("PAUSE_CONTRACT", "is registered")
                .contains("hx-post=\"" + stepPath(incident, step) + "/retry\"");
        assertThat(queue("approval")).doesNotContain(incident);
        assertThat(rowOf(section(part("responder"), "failed-steps"), incident)).doesNotContain("hx-post");
    }

    @Test
    void aRefusedStepLeavesTheApprovalQueueAndIsNotCountedAsFailed() {
        String incident = exploit("Pool drained");
        String step = awaitStep(incident, "AWAITING_APPROVAL");
        await().atMost(VIEWS).until(() -> queue("approval").contains(incident));
        api.post("commander", stepPath(incident, step) + "/refusal", "{\"reason\":\"a false alarm\"}");

        await().atMost(VIEWS).until(() -> !queue("approval").contains(incident));
        assertThat(queue("failed-steps")).doesNotContain(incident);
    }

    @Test
    void onlyThoseTheRulesLetApproveOrRefuseSeeTheFormsThatPostToTheApi() {
        String incident = exploit("Lending pool drained");
        String step = awaitStep(incident, "AWAITING_APPROVAL");
        await().atMost(VIEWS).until(() -> queue("approval").contains(incident));

        String commander = rowOf(section(part("commander"), "approval"), incident);
        assertThat(commander).contains("hx-ext=\"api-json\"")
                .contains("hx-post=\"" + stepPath(incident, step) + "/approval\"")
                .contains("hx-post=\"" + stepPath(incident, step) + "/refusal\"");
        String responder = rowOf(section(part("responder"), "approval"), incident);
        assertThat(responder).doesNotContain("hx-post").contains("A commander");
    }

    // --- (3) failing notifications ---

    @Test
    void aNotificationThatFailedToArriveIsQueuedWithItsRecipient() {
        String incident = report("Custody keys exposed", "HIGH", "KEY_COMPROMISE");
        await().atMost(VIEWS).until(() -> queue("notifications").contains(incident));
        assertThat(rowOf(queue("notifications"), incident)).contains("INCIDENT_REPORTED", "MAIL", "responders");
    }

    @Test
    void anIncidentNobodyIsToldAboutHasNoFailingNotification() {
        String quiet = report("Phishing mail", "LOW", "PHISHING");
        String loud = report("Hot wallet keys exposed", "HIGH", "KEY_COMPROMISE");
        await().atMost(VIEWS).until(() -> queue("notifications").contains(loud));
        assertThat(queue("notifications")).doesNotContain(quiet);
    }

    // --- (4) obligations ---

    @Test
    void anObligationDueWithinADayIsQueuedWithACountdown() {
        String soon = report("Trading halted", "HIGH", "OTHER");
        classify(soon, "DORA_MAJOR", Instant.now());

        await().atMost(VIEWS).until(() -> queue("obligations").contains(soon));
        assertThat(rowOf(queue("obligations"), soon)).contains("DORA", "initial notification")
                .contains("<time data-countdown datetime=\"").doesNotContain("missed");
    }

    @Test
    void anObligationDueInMoreThanADayIsNotQueued() {
        String later = report("Customer list leaked", "MEDIUM", "DATA_BREACH");
        classify(later, "GDPR_PERSONAL_DATA_BREACH", Instant.now());

        await().atMost(VIEWS).until(() -> obligations(later).contains("GDPR_SA_NOTIFICATION"));
        assertThat(queue("obligations")).doesNotContain(later);
    }

    @Test
    void aMissedObligationIsQueuedAsMissed() {
        String missed = report("Settlement outage", "HIGH", "OTHER");
        // a Wednesday, so that no weekend or holiday moves the deadline near today
        classify(missed, "DORA_MAJOR", Instant.parse("2026-01-14T10:00:00Z"));

        await().atMost(VIEWS).until(() -> queue("obligations").contains(missed));
        assertThat(rowOf(queue("obligations"), missed)).contains("missed");
    }

    // --- safety ---

    @Test
    void valuesAreEscapedAndThePageRunsNoInlineScriptOrStyle() {
        String incident = exploit("<script>alert(1)</script><img src=x onerror=alert(2)>");
        await().atMost(VIEWS).until(() -> queue("approval").contains(incident));
        Response page = api.get("commander", "/console/queues");

        assertThat(page.body()).contains(incident).doesNotContain("<script>alert(1)</script>", "<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("<[^>]*\\sstyle=").doesNotContainPattern("<[^>]*\\son[a-z]+=");
        assertThat(page.body()).contains("/console/assets/queues.js");
    }

    @Test
    void thePartRefreshesItselfOnLiveEventsOnActionsAndEveryHalfMinute() {
        String part = part("responder");
        assertThat(part).startsWith("<section id=\"queues\"").contains("data-live=\"*\"")
                .contains("hx-get=\"/console/queues/part\"")
                .contains("hx-trigger=\"live, console:changed from:body, every 30s\"")
                .contains("hx-sync=\"this:queue last\"");
        long started = System.nanoTime();
        assertThat(api.get("responder", "/console/queues/part?waitFor=" + UUID.randomUUID() + ":0").status())
                .isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    // --- helpers ---

    private String report(String title, String severity, String category) {
        Response reported = api.post("responder", "/api/incidents", """
                {"title":"%s","description":"seen by the desk","severity":"%s","category":"%s"}"""
                .formatted(title.replace("\"", "\\\""), severity, category));
        assertThat(reported.status()).isEqualTo(201);
        String id = reported.json().get("incidentId").asString();
        await().atMost(VIEWS).until(() -> api.get("responder", "/api/incidents/" + id).status() == 200);
        return id;
    }

    /** A smart-contract exploit at HIGH on a contract nobody registered: its pause waits for a commander. */
    private String exploit(String title) {
        String incident = report(title, "HIGH", "SMART_CONTRACT_EXPLOIT");
        String contract = "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
        assertThat(api.post("responder", "/api/incidents/" + incident + "/affected-assets", """
                {"assets":[{"type":"CONTRACT","identifier":"%s","chain":"ethereum"}],"reason":"the exploited vault"}"""
                .formatted(contract)).status()).isEqualTo(204);
        return incident;
    }

    private String awaitStep(String incident, String status) {
        String[] stepId = new String[1];
        await().atMost(VIEWS).until(() -> {
            for (JsonNode step : api.get("commander", "/api/incidents/" + incident + "/containment/steps").json()) {
                if ("PAUSE_CONTRACT".equals(step.path("action").asString())
                        && status.equals(step.path("status").asString())) {
                    stepId[0] = step.path("stepId").asString();
                    return true;
                }
            }
            return false;
        });
        return stepId[0];
    }

    private void classify(String incident, String classification, Instant at) {
        assertThat(api.post("commander", "/api/incidents/" + incident + "/compliance/classifications", """
                {"classification":"%s","classifiedAt":"%s","rationale":"by the book"}"""
                .formatted(classification, at)).status()).isEqualTo(204);
    }

    private String obligations(String incident) {
        return api.get("commander", "/api/compliance/incidents/" + incident + "/obligations").body();
    }

    private static String stepPath(String incident, String step) {
        return "/api/incidents/" + incident + "/containment/steps/" + step;
    }

    private String part(String user) {
        Response part = api.get(user, "/console/queues/part");
        assertThat(part.status()).isEqualTo(200);
        return part.body();
    }

    private String queue(String name) {
        return section(part("commander"), name);
    }

    /** The queue's panel: from its section to the next queue's. */
    private static String section(String part, String name) {
        int start = part.indexOf("<section class=\"panel\" id=\"q-" + name + "\"");
        assertThat(start).as("queue " + name).isNotNegative();
        int end = part.indexOf("<section class=\"panel\"", start + 1);
        return part.substring(start, end < 0 ? part.length() : end);
    }

    /** The incident's rows in the queue, one after the other. */
    private static String rowOf(String queue, String incident) {
        StringBuilder found = new StringBuilder();
        Matcher rows = ROW.matcher(queue);
        while (rows.find()) {
            if (rows.group(1).equals(incident)) {
                found.append(rows.group(0)).append('\n');
            }
        }
        if (found.isEmpty()) {
            throw new AssertionError("no row of " + incident + " in " + queue);
        }
        return found.toString();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
