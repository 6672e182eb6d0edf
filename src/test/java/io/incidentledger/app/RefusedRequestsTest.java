package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import io.incidentledger.testing.FlowsApplicationTest;
import io.incidentledger.testing.RawHttp;
import io.incidentledger.testing.RawHttp.Reply;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests a client got wrong, sent to the whole running application over real HTTP (Tomcat, the security filter
 * chain, Spring MVC, Axon, the H2 event store): each is answered with a 4xx problem document (or 501 for a method
 * HTTP does not know), never a 5xx or an HTML page, and none of them stores an event. Shares its context with
 * {@link H2ApplicationTest}.
 */
@FlowsApplicationTest
class RefusedRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEM = "application/problem+json";
    private static final String STEP = "{\"action\":\"NOTIFY\",\"reason\":\"tell the exchange's partners\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    // --- what Tomcat refuses before the application, and the error page ---

    @Test
    void aConnectIsA501ProblemNotAnHtmlPage() {
        Reply reply = http.send(null, "CONNECT 127.0.0.1:" + port + " HTTP/1.1");

        assertProblem(reply, 501, "not-implemented");
    }

    @ParameterizedTest(name = "GET {0} is a 400 problem")
    @ValueSource(strings = {"/api/incidents%2Fx", "/api/incidents/a\\b", "/api/incidents/%FF%FE"})
    void aPathTomcatCannotDecodeIsA400ProblemNotAnHtmlPage(String path) {
        Reply reply = http.send("commander", "GET " + path + " HTTP/1.1");

        assertProblem(reply, 400, "malformed-request");
    }

    @Test
    void anOversizedHeaderIsA400ProblemNotAnHtmlPage() {
        Reply reply = http.send("commander", "GET /api/incidents HTTP/1.1", "X-Padding: " + "a".repeat(20_000));

        assertProblem(reply, 400, "malformed-request");
    }

    @Test
    void theErrorPageAskedForDirectlyIsA404Problem() {
        assertProblem(http.send("commander", "GET /error HTTP/1.1"), 404, "not-found");
        assertProblem(http.send(null, "GET /error HTTP/1.1"), 401, "unauthenticated");
    }

    @ParameterizedTest(name = "GET {0} with valid credentials is a 400 problem, not a 401")
    @ValueSource(strings = {"/api//incidents", "/api/./incidents", "/api/incidents;x=1", "/api/%2e%2e/incidents",
            "/api/incidents/%2e"})
    void aPathTheFirewallRefusesIsA400NotAClaimOfBadCredentials(String path) {
        Reply reply = http.send("commander", "GET " + path + " HTTP/1.1");

        assertProblem(reply, 400, "request-rejected");
    }

    @Test
    void aMethodHttpDoesNotKnowIsA501Problem() {
        assertProblem(http.send("commander", "BREW /api/incidents HTTP/1.1"), 501, "not-implemented");
    }

    // --- query strings that are not UTF-8 ---

    @ParameterizedTest(name = "GET {0} is a 400 problem")
    @ValueSource(strings = {"/api/ledger/verification?incidentId=%FF%FE", "/api/compliance/access-log?incidentId=%FF",
            "/api/compliance/metrics?from=%C0%AF", "/api/incidents?status=%FF", "/api/incidents?%FF=1"})
    void aQueryValueThatIsNotUtf8IsA400NotA500(String pathAndQuery) {
        Reply reply = http.send("commander", "GET " + pathAndQuery + " HTTP/1.1");

        assertProblem(reply, 400, "malformed-request");
    }

    // --- containment steps: refused before anything is requested or executed ---

    @ParameterizedTest(name = "Idempotency-Key \"{0}\" is refused and requests no step")
    @ValueSource(strings = {"", "two\twords", "schlüssel", "256"})
    void anInvalidIdempotencyKeyIsA422AndRequestsNoStep(String key) {
        String incident = report();
        String value = key.equals("256") ? "k".repeat(256) : key;

        Reply reply = postJson("commander", "/api/incidents/" + incident + "/containment/steps", STEP,
                "Idempotency-Key: " + latin1(value));

        assertProblem(reply, 422, "validation-failed");
        assertThat(JSON.readTree(reply.body()).path("errors").get(0).path("field").asString())
                .isEqualTo("Idempotency-Key");
        assertThat(eventsOf(incident)).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyWithControlCharactersIsA400AndRequestsNoStep() {
        String incident = report();

        Reply reply = postJson("commander", "/api/incidents/" + incident + "/containment/steps", STEP,
                "Idempotency-Key: " + latin1("€uro"));

        assertProblem(reply, 400, "request-rejected");
        assertThat(eventsOf(incident)).isEqualTo(1);
    }

    @Test
    void aStepAskedForInHtmlIsRefusedBeforeItIsRequestedOrExecuted() {
        String incident = report();

        Reply reply = postJson("commander", "/api/incidents/" + incident + "/containment/steps", STEP,
                "Accept: text/html");

        assertProblem(reply, 406, "not-acceptable");
        assertThat(eventsOf(incident)).isEqualTo(1);
        assertThat(JSON.readTree(http.send("commander", "GET /api/incidents/" + incident
                + "/containment/steps HTTP/1.1").body())).isEmpty();
    }

    @Test
    void aStepOfOneIncidentCannotBeReadThroughAnother() {
        String b = report();
        String a = report();
        String step = JSON.readTree(postJson("commander", "/api/incidents/" + b + "/containment/steps", STEP).body())
                .path("stepId").asString();

        Reply reply = http.send("commander", "GET /api/incidents/" + a + "/containment/steps/" + step + " HTTP/1.1");

        assertProblem(reply, 404, "step-not-found");
    }

    /**
     * {@code UUID.fromString} reads {@code 1234567-89ab-4cde-8f01-f23456789abcd} as the id below: a short group, and an
     * overlong one whose extra digit it drops. Such a spelling is another path, and must not reach this incident.
     */
    @Test
    void aLenientSpellingOfAnIncidentIdDoesNotReachItsSteps() {
        IncidentId incident = new IncidentId("01234567-89ab-4cde-8f01-" + UUID.randomUUID().toString().substring(24)
                .replaceFirst("^.", "0"));
        commands.sendAndWait(ActorMetadata.serviceCommand(new ReportIncident(incident, "Spelling", null,
                Severity.LOW, Category.OTHER, IncidentSource.MANUAL, null, Instant.now()), "test", Roles.SYSTEM));
        String step = JSON.readTree(postJson("commander", "/api/incidents/" + incident + "/containment/steps", STEP)
                .body()).path("stepId").asString();
        String alias = "1234567-89ab-4cde-8f01-f" + incident.value().substring(24);
        assertThat(UUID.fromString(alias).toString()).isEqualTo(incident.value());

        Reply reply = http.send("commander", "GET /api/incidents/" + alias + "/containment/steps/" + step
                + " HTTP/1.1");

        assertProblem(reply, 404, "incident-not-found");
    }

    // --- the audit bundle is an incident's ---

    @Test
    void theAuditBundleOfAnAccessLogIsNotFound() {
        String incident = report();
        assertThat(http.send("regulator", "GET /api/incidents/" + incident + " HTTP/1.1").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, "access-log:" + incident)).isPositive();

        Reply reply = http.send("commander", "GET /api/incidents/access-log:" + incident + "/audit-bundle HTTP/1.1");

        assertProblem(reply, 404, "incident-not-found");
    }

    // --- the review's follow-up: refused before it is stored ---

    @Test
    void anActionItemAskedForInHtmlIsRefusedBeforeItIsStored() {
        String incident = reviewed();
        long events = eventsOf(incident);

        Reply reply = postJson("commander", "/api/incidents/" + incident + "/review/action-items", """
                {"description":"Rotate the CI secrets","owner":"alice","dueDate":"2026-12-31"}""", "Accept: text/html");

        assertProblem(reply, 406, "not-acceptable");
        assertThat(eventsOf(incident)).isEqualTo(events);
    }

    @Test
    void aDueDateThatIsANumberIsRefusedNotStoredAsTheYear57443() {
        String incident = reviewed();
        long events = eventsOf(incident);

        Reply reply = postJson("commander", "/api/incidents/" + incident + "/review/action-items", """
                {"description":"Rotate the CI secrets","owner":"alice","dueDate":20261231}""");

        assertProblem(reply, 422, "invalid-value");
        assertThat(eventsOf(incident)).isEqualTo(events);
    }

    @Test
    void aLargeChunkedBodySentToStartAnActionItemIsRefusedAndStartsNothing() throws Exception {
        String incident = reviewed();
        long events = eventsOf(incident);
        byte[] body = new byte[1_100_000];
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/incidents/"
                        + incident + "/review/action-items/A1/start"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("commander:commander".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(eventsOf(incident)).isEqualTo(events);
    }

    @Test
    void aBodySentToRetryAStepIsRefusedBeforeTheStepIsLookedAt() {
        String incident = report();

        Reply reply = postJson("commander", "/api/incidents/" + incident
                + "/containment/steps/step-0123456789abcdef01234567/retry", "{\"force\":true}");

        assertProblem(reply, 415, "body-not-allowed");
        assertThat(eventsOf(incident)).isEqualTo(1);
    }

    // --- helpers ---

    private String report() {
        Reply reply = postJson("commander", "/api/incidents", """
                {"title":"Hot wallet key exposed","severity":"LOW","category":"OTHER"}""");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body()).path("incidentId").asString();
    }

    /** An incident through to its post-incident review, with action item A1. */
    private String reviewed() {
        String incident = report();
        String path = "/api/incidents/" + incident + "/";
        for (String[] action : List.of(new String[] {"acknowledgement", null},
                new String[] {"triage", "{\"severity\":\"LOW\",\"category\":\"OTHER\"}"},
                new String[] {"resolution", "{\"summary\":\"key rotated\"}"},
                new String[] {"review", "{\"rootCause\":\"a key in a CI log\",\"lessonsLearned\":\"mask secrets\","
                        + "\"actionItems\":[\"mask CI output\"]}"})) {
            Reply reply = action[1] == null ? http.send("commander", "POST " + path + action[0] + " HTTP/1.1")
                    : postJson("commander", path + action[0], action[1]);
            assertThat(reply.status()).as(action[0] + ": " + reply.body()).isEqualTo(204);
        }
        return incident;
    }

    private Reply postJson(String user, String path, String json, String... headers) {
        String[] all = new String[headers.length + 1];
        all[0] = "Content-Type: application/json";
        System.arraycopy(headers, 0, all, 1, headers.length);
        return http.send(user, "POST " + path + " HTTP/1.1", json.getBytes(StandardCharsets.UTF_8), all);
    }

    private long eventsOf(String incident) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, incident);
    }

    /** A header value as its UTF-8 bytes travel, which the server reads as ISO-8859-1. */
    private static String latin1(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.body()).startsWith(PROBLEM);
        JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("type").asString()).isEqualTo("urn:incident-ledger:problem:" + code);
    }
}
