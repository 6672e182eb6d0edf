package io.incidentledger.console.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import io.incidentledger.testing.RealBrowser;
import io.incidentledger.testing.RealBrowsers;
import io.incidentledger.testing.RequiresBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The incident workspace in a real browser (headless Chromium) with the demo users, signed in through the sign-in
 * form: a commander approves a containment step and sees it executed; a responder is offered no approval and is
 * refused one sent anyway; a responder records evidence by choosing a file, hashed in the browser; the page at a
 * laptop's and a phone's width. Screenshots go to {@code target/screenshots/WorkspaceBrowserTest/}. Shares its
 * context with {@link WorkspacePageTest}.
 */
@RequiresBrowser
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-workspace;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/console-workspace/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-workspace/witness-${random.uuid}.checkpoint"
})
class WorkspaceBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @RegisterExtension
    final RealBrowsers browsers = new RealBrowsers();

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aCommanderApprovesAWaitingStepAndTheWorkspaceShowsItExecuted() {
        String id = incidentWithAStepAwaitingApproval();
        RealBrowser commander = signedIn(browsers.open(port), "commander", id);
        assertThat(stepStatus(commander)).isEqualTo("AWAITING_APPROVAL");
        commander.screenshot("step-awaiting-approval");

        commander.field("Comment (optional)").sendKeys("isolate it");
        commander.button("Approve").click();

        waitFor(commander).withMessage(() -> "the step executed, not " + stepStatus(commander))
                .until(ignored -> "EXECUTED".equals(stepStatus(commander)));
        assertThat(commander.driver().findElement(By.id("containment")).getText()).contains("via dry-run",
                "isolate it");
        commander.screenshot("step-executed");
        assertThat(commander.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();
        // the newest event, too, is soon covered by a signed checkpoint, though no event of the incident says so
        waitFor(commander).until(ignored -> !commander.driver()
                .findElements(By.cssSelector("#timeline ol.timeline > li:first-child .covered")).isEmpty());
        assertThat(commander.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void aResponderAcknowledgesWithOneButtonAndTheWorkspaceMovesOnToTriage() {
        String id = report("Phishing mail with a wallet drainer link", "MEDIUM", "PHISHING");
        RealBrowser responder = signedIn(browsers.open(port), "responder", id);
        assertThat(responder.text("status")).isEqualTo("REPORTED");

        responder.button("Acknowledge").click();

        waitFor(responder).until(ignored -> "ACKNOWLEDGED".equals(responder.text("status")));
        waitFor(responder).until(ignored -> responder.has("action-triage")
                && !responder.has("action-acknowledge"));
        assertThat(api.get("responder", "/api/incidents/" + id).json().get("status").asString())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(responder.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void aRefusedActionIsShownInWordsAndChangesNothing() {
        String id = report("Suspicious admin login", "LOW", "OTHER");
        RealBrowser commander = signedIn(browsers.open(port), "commander", id);

        commander.driver().findElement(By.cssSelector("#action-assign > summary")).click();
        commander.field("Person (their sign-in name)").sendKeys("   ");
        commander.button("Assign").click();

        By result = By.cssSelector("#action-assign [data-result]");
        waitFor(commander).until(ignored -> commander.driver().findElement(result).getText().startsWith("Refused:"));
        assertThat(commander.driver().findElement(result).getText()).contains("assignee");
        commander.screenshot("refusal-shown");
        assertThat(api.get("commander", "/api/incidents/" + id).json().get("assignees")).isEmpty();
    }

    @Test
    void aResponderIsOfferedNoApprovalAndIsRefusedOneSentAnyway() {
        String id = incidentWithAStepAwaitingApproval();
        String stepId = isolationStep(id);
        RealBrowser responder = signedIn(browsers.open(port), "responder", id);
        assertThat(stepStatus(responder)).isEqualTo("AWAITING_APPROVAL");
        assertThat(responder.driver().findElements(By.cssSelector(".step-approve, .step-refuse"))).isEmpty();
        assertThat(responder.driver().findElements(By.xpath("//button[normalize-space()='Approve']"))).isEmpty();

        Object answer = responder.execute("""
                const header = document.querySelector('meta[name="csrf-header"]').content;
                const token = document.querySelector('meta[name="csrf-token"]').content;
                return fetch('/api/incidents/%s/containment/steps/%s/approval', {method: 'POST',
                        headers: {'Content-Type': 'application/json', [header]: token}, body: '{"comment":"go"}'})
                    .then(response => response.text().then(body => response.status + ' '
                        + response.headers.get('Content-Type') + ' ' + body));""".formatted(id, stepId));

        assertThat(answer).asString().startsWith("403 application/problem+json");
        assertThat(api.get("commander", "/api/incidents/" + id + "/containment/steps/" + stepId).json()
                .get("status").asString()).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void aResponderRecordsEvidenceByChoosingAFileWhoseHashTheBrowserComputes(@TempDir Path directory)
            throws IOException {
        String id = report("Wallet drained overnight", "HIGH", "KEY_COMPROMISE");
        Path file = directory.resolve("node-logs.txt");
        Files.writeString(file, "block 19000000 signed by an unknown key " + UUID.randomUUID(),
                StandardCharsets.UTF_8);
        String expected = sha256(Files.readAllBytes(file));
        RealBrowser responder = signedIn(browsers.open(port), "responder", id);

        responder.driver().findElement(By.cssSelector("#action-evidence > summary")).click();
        WebElement chooser = responder.field("File to fingerprint (optional)");
        assertThat(chooser.getDomAttribute("name")).isNull();
        chooser.sendKeys(file.toAbsolutePath().toString());
        waitFor(responder).until(ignored -> expected.equals(responder.text("e-hash")));
        assertThat(responder.field("SHA-256 (64 hexadecimal digits)").getDomProperty("value")).isEqualTo(expected);
        assertThat(responder.field("Name").getDomProperty("value")).isEqualTo("node-logs.txt");
        responder.field("Where it is kept").sendKeys("evidence share, case 42");
        responder.screenshot("evidence-hashed");
        responder.button("Record evidence").click();

        waitFor(responder).until(ignored -> !responder.driver()
                .findElements(By.cssSelector("#evidence [data-sha256='" + expected + "']")).isEmpty());
        JsonNode evidence = api.get("responder", "/api/incidents/" + id).json().get("evidence");
        assertThat(evidence).hasSize(1);
        assertThat(evidence.get(0).get("sha256").asString()).isEqualTo(expected);
        assertThat(evidence.get(0).get("name").asString()).isEqualTo("node-logs.txt");
        assertThat(responder.text("workspace-status")).isEqualTo("Evidence recorded.");
        assertThat(responder.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void theWorkspaceReadsAtALaptopsWidthAndAtAPhonesWithoutScrollingSideways() {
        String id = incidentWithAStepAwaitingApproval();
        assertThat(api.post("responder", "/api/incidents/" + id + "/notes",
                "{\"text\":\"isolating the validator; keys look untouched\"}").status()).isEqualTo(204);

        RealBrowser laptop = signedIn(browsers.open(port), "commander", id);
        assertThat(laptop.scrollsSideways()).isFalse();
        laptop.screenshot("workspace-desktop");
        assertThat(laptop.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();
        RealBrowser phone = signedIn(browsers.openPhone(port), "commander", id);
        assertThat(phone.layoutWidth()).isEqualTo(RealBrowser.PHONE.width);
        assertThat(phone.scrollsSideways()).isFalse();
        phone.screenshot("workspace-phone");
        assertThat(phone.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();
        assertThat(laptop.contentSecurityPolicyViolations()).isEmpty();
        assertThat(phone.contentSecurityPolicyViolations()).isEmpty();
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** Opens the workspace, is sent to the sign-in form, signs in there and comes back to the workspace, live. */
    private static RealBrowser signedIn(RealBrowser browser, String user, String id) {
        String workspace = "/console/incidents/" + id;
        browser.go(workspace).waitForPath("/login");
        browser.field("Name").sendKeys(user, Keys.TAB);
        browser.focused().sendKeys(user, Keys.ENTER);
        browser.waitForPath(workspace);
        // as a person would see "Live" before relying on the page to follow what others do
        waitFor(browser).until(ignored -> "open".equals(browser.driver().findElement(By.id("live-status"))
                .getDomAttribute("data-state")));
        return browser;
    }

    /** Waits as a person looks again, over the live parts' replacing themselves (an element read may be gone). */
    private static FluentWait<WebDriver> waitFor(RealBrowser browser) {
        return new WebDriverWait(browser.driver(), WAIT).ignoring(StaleElementReferenceException.class);
    }

    /** The state the workspace shows for the step isolating the node (the playbook's other step notifies). */
    private static String stepStatus(RealBrowser browser) {
        return browser.driver().findElements(By.xpath("//tr[td/strong[normalize-space()='ISOLATE_NODE']]"
                        + "//span[contains(@class,'step-status')]")).stream().findFirst()
                .map(WebElement::getText).orElse(null);
    }

    private String isolationStep(String id) {
        for (JsonNode step : api.get("commander", "/api/incidents/" + id + "/containment/steps").json()) {
            if ("ISOLATE_NODE".equals(step.get("action").asString())) {
                return step.get("stepId").asString();
            }
        }
        throw new AssertionError("no ISOLATE_NODE step on " + id);
    }

    private String report(String title, String severity, String category) {
        Response reported = api.post("responder", "/api/incidents", """
                {"title":"%s","description":"seen by the desk","severity":"%s","category":"%s"}"""
                .formatted(title, severity, category));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().get("incidentId").asString();
        await().atMost(WAIT).until(() -> api.get("responder", "/api/incidents/" + id).status() == 200);
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
        await().atMost(WAIT).until(() -> api.get("commander", "/api/incidents/" + id + "/containment/steps").body()
                .contains("AWAITING_APPROVAL"));
        return id;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
