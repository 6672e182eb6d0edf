package io.incidentledger.console.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The verification page and panel over HTTP with the demo users: who gets the panel, who only its explanation, the
 * addresses the browser reads, and the page's safety (no inline script or style, nothing of the incident shown).
 */
class VerifyPageTest extends VerifyPanelApplication {

    private static final Duration VIEWS = Duration.ofSeconds(10);
    private static final String TITLE = "Vault <script>drained</script>";

    @LocalServerPort
    int port;

    private ApiClient api;
    private String incident;

    @BeforeEach
    void anIncident() {
        api = new ApiClient(port);
        Response reported = api.post("responder", "/api/incidents", """
                {"title":"%s","description":"seen","severity":"LOW","category":"OTHER"}""".formatted(TITLE));
        assertThat(reported.status()).isEqualTo(201);
        incident = reported.json().get("incidentId").asString();
        await().atMost(VIEWS).until(() -> api.get("responder", "/api/incidents/" + incident).status() == 200);
    }

    private Response page(String user) {
        return api.get(user, "/console/incidents/" + incident + "/verify");
    }

    @Test
    void aRegulatorGetsThePanelWithTheAddressesItsBrowserReads() {
        Response page = page("regulator");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("data-verify-panel=\"" + incident + "\"",
                "data-events-url=\"/api/incidents/" + incident + "/events\"",
                "data-checkpoint-url=\"/api/ledger/checkpoint\"", "data-keys-url=\"/api/ledger/keys\"",
                "data-inclusion-url=\"/api/ledger/proofs/inclusion\"", "src=\"/console/assets/verify.js\"",
                "Verify in my browser", "<label for=\"verify-key-input\">Verifier key or keys file to pin</label>");
    }

    @Test
    void aCommanderGetsThePanelToo() {
        assertThat(page("commander").body()).contains("data-verify-panel=", "Verify in my browser");
    }

    @Test
    void aResponderWhoMayNotReadTheLedgerIsToldSoAndGetsNoVerifyButton() {
        Response page = page("responder");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Your role may not read the ledger")
                .doesNotContain("data-verify-panel=", "Verify in my browser", "verify.js");
    }

    @Test
    void aDetectorMayNotOpenThePage() {
        assertThat(page("detector").status()).isEqualTo(403);
    }

    @Test
    void anUnknownIncidentOrSomethingThatIsNoIncidentIdIsNotFound() {
        assertThat(api.get("regulator", "/console/incidents/" + UUID.randomUUID() + "/verify").status())
                .isEqualTo(404);
        assertThat(api.get("regulator", "/console/incidents/not-an-id/verify").status()).isEqualTo(404);
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndShowsNothingOfTheIncidentButItsId() {
        String body = page("regulator").body();

        assertThat(body).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
                .doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("drained");
    }
}
