package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.HttpFrom;
import io.incidentledger.testing.RawHttp.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a browser may do with the service, over real HTTP against the whole application: a page of another site cannot
 * change anything through the browser's cached Basic credentials, and every answer carries the security headers.
 * Over plain HTTP there is no HSTS ({@link TlsTest} has it over TLS).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = BrowserSafetyTest.CONTEXT)
class BrowserSafetyTest {

    /** Shared with {@link SignInThrottlingTest}, so that both run in one application context. */
    static final String CONTEXT = """
            spring.datasource.url=jdbc:h2:mem:browser-safety;DB_CLOSE_DELAY=-1
            spring.profiles.active=demo
            incident-ledger.ledger.signing-key-file=target/test-ledger/browser-safety/signing.key
            incident-ledger.ledger.witness-file=target/test-ledger/browser-safety/witness-${random.uuid}.checkpoint
            incident-ledger.security.login-throttle.per-user.max-failures=5
            incident-ledger.security.login-throttle.per-address.max-failures=8
            springdoc.swagger-ui.enabled=true
            """;
    private static final String POLICY = "default-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    private static final String REPORT = """
            {"title":"Suspicious withdrawal","description":"large outflow","severity":"HIGH",
             "category":"FRAUDULENT_TRANSACTION","occurredAt":"2026-01-01T10:00:00Z",
             "detectedAt":"2026-01-01T10:05:00Z"}""";
    private static final String RESPONDER = HttpFrom.basic("responder", "responder");
    private static final byte[] NO_BODY = new byte[0];

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    HttpFrom browser;

    @BeforeEach
    void clients() {
        api = new ApiClient(port);
        browser = new HttpFrom("127.0.0.1", port);
    }

    // --- cross-site requests ---

    @Test
    void anEmptyFormPostedFromAnotherSiteWithCachedBasicCredentialsIsRefusedAndStoresNothing() {
        String incident = reportIncident();

        Reply reply = browser.send(acknowledge(incident), RESPONDER, NO_BODY,
                "Content-Type: application/x-www-form-urlencoded", "Origin: https://attacker.example",
                "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate");

        assertProblem(reply, 403, "cross-site-request");
        assertThat(events(incident)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain;charset=UTF-8",
            "multipart/form-data; boundary=x"})
    void aBodyAnyPageCouldSendIsRefusedEvenWithoutFetchMetadata(String contentType) {
        String incident = reportIncident();

        Reply empty = browser.send(acknowledge(incident), RESPONDER, NO_BODY, "Content-Type: " + contentType);
        Reply withBody = browser.send(acknowledge(incident), RESPONDER, "{}".getBytes(StandardCharsets.UTF_8),
                "Content-Type: " + contentType);

        assertProblem(empty, 415, "unsupported-media-type");
        assertProblem(withBody, 415, "unsupported-media-type");
        assertThat(events(incident)).isEqualTo(1);
    }

    @Test
    void textPlainFromAnotherSiteIsRefused() {
        String incident = reportIncident();

        Reply reply = browser.send(acknowledge(incident), RESPONDER, "x=1".getBytes(StandardCharsets.UTF_8),
                "Content-Type: text/plain", "Sec-Fetch-Site: cross-site");

        assertProblem(reply, 403, "cross-site-request");
        assertThat(events(incident)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://attacker.example", "null", "http://127.0.0.1:1", "https://127.0.0.1"})
    void anotherOriginMayNotActEvenWithJson(String origin) {
        String incident = reportIncident();

        Reply reply = browser.send(acknowledge(incident), RESPONDER, NO_BODY, "Content-Type: application/json",
                "Origin: " + origin);

        assertProblem(reply, 403, "cross-site-request");
        assertThat(events(incident)).isEqualTo(1);
    }

    @Test
    void aSiblingSiteMayNotActEither() {
        String incident = reportIncident();

        Reply reply = browser.send(acknowledge(incident), RESPONDER, NO_BODY, "Content-Type: application/json",
                "Sec-Fetch-Site: same-site");

        assertProblem(reply, 403, "cross-site-request");
    }

    @Test
    void ourOwnPageSendingJsonMayAct() {
        String incident = reportIncident();

        Reply reply = browser.send(acknowledge(incident), RESPONDER, NO_BODY, "Content-Type: application/json",
                "Origin: http://127.0.0.1:" + port, "Sec-Fetch-Site: same-origin");

        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
        assertThat(events(incident)).isEqualTo(2);
    }

    /** What a browser sends for our own page's form under our {@code Referrer-Policy: no-referrer}. */
    @Test
    void ourOwnPageMayActWithTheNullOriginOfNoReferrer() {
        String incident = reportIncident();

        Reply reply = browser.send(acknowledge(incident), RESPONDER, NO_BODY, "Content-Type: application/json",
                "Origin: null", "Sec-Fetch-Site: same-origin");

        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
        assertThat(events(incident)).isEqualTo(2);
    }

    @Test
    void anApiClientWithBasicCredentialsWorksAsBefore() {
        String incident = reportIncident();

        ApiClient.Response reply = api.post("responder", "/api/incidents/" + incident + "/acknowledgement", null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
    }

    @Test
    void aBearerTokenIsCheckedAsBeforeAndNeedsNoCsrfToken() {
        String incident = reportIncident();

        Reply reply = browser.send(acknowledge(incident), "Bearer not-a-token", NO_BODY,
                "Content-Type: application/json");

        assertProblem(reply, 401, "unauthenticated");
    }

    // --- security headers ---

    @Test
    void aJsonAnswerHasTheHeaders() {
        ApiClient.Response reply = api.get("responder", "/api/incidents");

        assertThat(reply.status()).isEqualTo(200);
        assertSecurityHeaders(reply, POLICY);
    }

    @Test
    void refusalsAndErrorsHaveTheHeaders() {
        assertSecurityHeaders(api.get(null, "/api/incidents"), POLICY);
        assertSecurityHeaders(api.get("responder", "/api/incidents/not-an-incident"), POLICY);
        assertSecurityHeaders(api.get("responder", "/nowhere"), POLICY);
        assertSecurityHeaders(api.get("detector", "/api/incidents"), POLICY);
        Reply tooLarge = browser.send("POST /api/incidents HTTP/1.1", RESPONDER, new byte[70_000],
                "Content-Type: application/json");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.headers()).containsEntry("content-security-policy", POLICY)
                .containsEntry("referrer-policy", "no-referrer").containsKey("permissions-policy");
    }

    @Test
    void theRegulatorReportPageKeepsItsOwnStricterPolicy() {
        String incident = reportIncident();

        ApiClient.Response page = api.get("regulator", "/api/compliance/incidents/" + incident + "/report.html");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertSecurityHeaders(page, "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
                + " form-action 'none'; frame-ancestors 'none'");
    }

    @Test
    void swaggerUiMayUseInlineStylesAndDataImagesButNoInlineScript() {
        ApiClient.Response page = api.get("responder", "/swagger-ui/index.html");
        ApiClient.Response initializer = api.get("responder", "/swagger-ui/swagger-initializer.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"./swagger-initializer.js\"").doesNotContain("<script>");
        assertThat(initializer.status()).isEqualTo(200);
        assertSecurityHeaders(page, POLICY + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    }

    private static void assertSecurityHeaders(ApiClient.Response reply, String policy) {
        assertThat(values(reply, "Content-Security-Policy")).containsExactly(policy);
        assertThat(values(reply, "Referrer-Policy")).containsExactly("no-referrer");
        assertThat(reply.header("Permissions-Policy")).contains("camera=()", "microphone=()", "geolocation=()");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Strict-Transport-Security")).isNull();
    }

    private static List<String> values(ApiClient.Response reply, String name) {
        return reply.headers().entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream()).toList();
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.body()).contains("\"code\":\"" + code + "\"");
    }

    private String reportIncident() {
        ApiClient.Response reported = api.post("responder", "/api/incidents", REPORT);
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return reported.json().path("incidentId").asString();
    }

    private static String acknowledge(String incident) {
        return "POST /api/incidents/" + incident + "/acknowledgement HTTP/1.1";
    }

    private int events(String incident) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, incident);
    }
}
