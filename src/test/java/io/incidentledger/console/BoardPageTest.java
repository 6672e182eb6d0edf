package io.incidentledger.console;

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

/**
 * The board's page and part, over HTTP with the demo users: who may open it, what each filter keeps, the counts,
 * escaping, and the page's safety (no inline script or style).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-board;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/console-board/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-board/witness-${random.uuid}.checkpoint"
})
class BoardPageTest {

    private static final Duration VIEWS = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    private ApiClient api;
    private String tag;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        // each test's incidents carry a word of their own, so that the tests need not share the register's state
        tag = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private String report(String title, String severity, String category) {
        Response reported = api.post("responder", "/api/incidents", """
                {"title":"%s %s","description":"seen by the desk","severity":"%s","category":"%s"}"""
                .formatted(title, tag, severity, category));
        assertThat(reported.status()).isEqualTo(201);
        String id = reported.json().get("incidentId").asText();
        await().atMost(VIEWS).until(() -> api.get("responder", "/api/incidents/" + id).status() == 200);
        return id;
    }

    private String board(String user, String query) {
        Response page = api.get(user, "/console/board?q=" + tag + (query.isEmpty() ? "" : "&" + query));
        assertThat(page.status()).isEqualTo(200);
        return page.body();
    }

    @Test
    void theBoardIsAPageForTheResponseTeamAndRegulatorsButNotForDetectors() {
        Response responder = api.get("responder", "/console");
        assertThat(responder.status()).isEqualTo(200);
        assertThat(responder.contentType()).startsWith("text/html");
        assertThat(responder.body()).contains("Incident board", "Report an incident");
        assertThat(api.get("regulator", "/console").body()).contains("Incident board")
                .doesNotContain("Report an incident");
        assertThat(api.get("detector", "/console").status()).isEqualTo(403);
        assertThat(api.get(null, "/console").status()).isEqualTo(401);
    }

    @Test
    void severityStatusTextAndCategoryFiltersKeepOnlyWhatMatches() {
        String high = report("Hot wallet drained", "HIGH", "KEY_COMPROMISE");
        String low = report("Phishing mail", "LOW", "PHISHING");

        assertThat(board("responder", "")).contains(high, low);
        assertThat(board("responder", "severity=HIGH")).contains(high).doesNotContain(low);
        assertThat(board("responder", "severity=HIGH&severity=LOW")).contains(high, low);
        assertThat(board("responder", "category=PHISHING")).contains(low).doesNotContain(high);
        assertThat(api.get("responder", "/console/board?q=" + tag + "+WALLET").body())
                .contains(high).doesNotContain(low);
        assertThat(board("responder", "status=ACKNOWLEDGED")).doesNotContain(high, low);

        api.post("commander", "/api/incidents/" + low + "/dismissal", "{\"reason\":\"a drill\"}");
        await().atMost(VIEWS).until(() -> !board("responder", "").contains(low));
        assertThat(board("responder", "scope=all")).contains(low);
    }

    @Test
    void mineKeepsTheIncidentsThePersonHasASeatOn() {
        String assigned = report("Node isolated", "MEDIUM", "NODE_COMPROMISE");
        String other = report("Node slow", "MEDIUM", "NODE_COMPROMISE");
        assertThat(api.post("commander", "/api/incidents/" + assigned + "/assignments",
                "{\"role\":\"RESPONDER\",\"assignee\":\"responder\"}").status()).isEqualTo(204);

        await().atMost(VIEWS).until(() -> board("responder", "mine=true").contains(assigned));
        assertThat(board("responder", "mine=true")).doesNotContain(other);
        assertThat(board("commander", "mine=true")).doesNotContain(assigned, other);
    }

    @Test
    void theAssetFilterFindsAnIncidentByAnAffectedAddressInAnyCase() {
        String address = "0x" + UUID.randomUUID().toString().replace("-", "") + "abcdef12";
        String hit = report("Drain", "HIGH", "SMART_CONTRACT_EXPLOIT");
        String miss = report("Other drain", "HIGH", "SMART_CONTRACT_EXPLOIT");
        assertThat(api.post("responder", "/api/incidents/" + hit + "/affected-assets", """
                {"assets":[{"type":"WALLET","identifier":"%s","chain":"ethereum"}],"reason":"the drained wallet"}"""
                .formatted(address)).status()).isEqualTo(204);

        await().atMost(VIEWS).until(() -> board("responder", "asset=" + address.toUpperCase().replace("0X", "0x"))
                .contains(hit));
        assertThat(board("responder", "asset=" + address)).doesNotContain(miss);
        assertThat(board("responder", "asset=" + address.substring(0, 10))).doesNotContain(hit);
    }

    @Test
    void theCountsAreThoseOfEverythingThatMatchesNotOfThePage() {
        for (int i = 0; i < 27; i++) {
            report("Bulk " + i, i % 3 == 0 ? "CRITICAL" : "LOW", "OTHER");
        }
        String first = board("responder", "");
        assertThat(first).contains("<strong>27</strong> matching", "Page 1 of 2");
        assertThat(first).containsPattern("sev-CRITICAL\">CRITICAL</span>\\s*<span>9</span>");
        assertThat(first).containsPattern("sev-LOW\">LOW</span>\\s*<span>18</span>");
        assertThat(board("responder", "page=1")).contains("Page 2 of 2");
    }

    @Test
    void valuesAreEscapedAndThePageRunsNoInlineScriptOrStyle() {
        String id = report("<script>alert(1)</script><img src=x onerror=alert(2)>", "LOW", "OTHER");
        Response page = api.get("responder", "/console?q=" + tag);

        assertThat(page.body()).contains(id).doesNotContain("<script>alert(1)</script>", "<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("<[^>]*\\sstyle=").doesNotContainPattern("<[^>]*\\son[a-z]+=");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void aBadFilterIsAClearRefusalAndALiveWaitForNothingDoesNotHoldTheAnswer() {
        Response unknownSeverity = api.get("responder", "/console/board?severity=SEVERE");
        assertThat(unknownSeverity.status())
                .isEqualTo(api.get("responder", "/api/incidents?severity=SEVERE").status());
        assertThat(unknownSeverity.contentType()).startsWith("text/html");
        assertThat(unknownSeverity.body()).contains("&#39;severity&#39; has a value the console does not know");
        assertThat(api.get("responder", "/console/board?page=-1").status()).isEqualTo(422);
        long started = System.nanoTime();
        assertThat(api.get("responder", "/console/board?waitFor=nonsense").status()).isEqualTo(200);
        assertThat(api.get("responder", "/console/board?waitFor=" + UUID.randomUUID() + ":0").status())
                .isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
