package io.incidentledger.console.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.RealBrowser;
import io.incidentledger.testing.RealBrowsers;
import io.incidentledger.testing.RequiresBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The queues page in a real browser (headless Chromium) with the demo users: a commander approves a waiting step by
 * keyboard from the queue and sees it leave, an obligation's deadline counts down, and the page keeps to the
 * Content-Security-Policy at desktop and phone width. Screenshots go to
 * {@code target/screenshots/QueuesBrowserTest/}.
 */
@RequiresBrowser
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-queues-browser;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/console-queues/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-queues/witness-${random.uuid}.checkpoint"
})
class QueuesBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @RegisterExtension
    final RealBrowsers browsers = new RealBrowsers();

    @Test
    void aCommanderApprovesAWaitingStepByKeyboardFromTheQueueAndSeesItLeave() {
        ApiClient api = new ApiClient(port);
        String incident = exploit(api, "Vault drained on the lending market");
        String other = exploit(api, "Bridge contract paused itself");
        String obliged = report(api, "Trading halted", "HIGH", "OTHER");
        assertThat(api.post("commander", "/api/incidents/" + obliged + "/compliance/classifications", """
                {"classification":"DORA_MAJOR","classifiedAt":"%s","rationale":"major ICT incident"}"""
                .formatted(Instant.now())).status()).isEqualTo(204);
        awaitWaitingStep(api, incident);
        awaitWaitingStep(api, other);

        RealBrowser browser = browsers.open(port).go("/console/queues").waitForPath("/login");
        browser.field("Name").sendKeys("commander", Keys.TAB);
        browser.focused().sendKeys("commander", Keys.ENTER);
        browser.waitForPath("/console/queues");
        await().atMost(WAIT).until(() -> rows(browser, "q-obligations", obliged) > 0
                && browser.driver().findElement(By.cssSelector("#q-obligations time[data-countdown]")).getText()
                .startsWith("due in "));
        browser.screenshot("queues");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();

        WebElement row = row(browser, "q-approval", incident);
        WebElement approve = row.findElement(By.xpath(".//details[summary[normalize-space()='Approve']]"));
        approve.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
        WebElement comment = approve.findElement(By.name("comment"));
        comment.sendKeys("pause it now", Keys.ENTER);

        await().atMost(WAIT).until(() -> rows(browser, "q-approval", incident) == 0);
        assertThat(rows(browser, "q-approval", other)).isEqualTo(1);
        browser.screenshot("queues-after-approval");
        assertThat(browser.contentSecurityPolicyViolations()).isEmpty();

        RealBrowser phone = browsers.openPhone(port).go("/console/queues").waitForPath("/login");
        phone.field("Name").sendKeys("responder", Keys.TAB);
        phone.focused().sendKeys("responder", Keys.ENTER);
        phone.waitForPath("/console/queues");
        assertThat(phone.scrollsSideways()).isFalse();
        phone.screenshot("queues-phone");
        assertThat(phone.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();
        assertThat(phone.contentSecurityPolicyViolations()).isEmpty();
    }

    private static WebElement row(RealBrowser browser, String queue, String incident) {
        return browser.driver().findElement(By.cssSelector("#" + queue + " tr[data-incident='" + incident + "']"));
    }

    private static int rows(RealBrowser browser, String queue, String incident) {
        return browser.driver().findElements(By.cssSelector("#" + queue + " tr[data-incident='" + incident + "']"))
                .size();
    }

    private static String report(ApiClient api, String title, String severity, String category) {
        ApiClient.Response reported = api.post("responder", "/api/incidents", """
                {"title":"%s","description":"seen by the desk","severity":"%s","category":"%s"}"""
                .formatted(title, severity, category));
        assertThat(reported.status()).isEqualTo(201);
        String id = reported.json().get("incidentId").asString();
        await().atMost(WAIT).until(() -> api.get("responder", "/api/incidents/" + id).status() == 200);
        return id;
    }

    private static String exploit(ApiClient api, String title) {
        String incident = report(api, title, "HIGH", "SMART_CONTRACT_EXPLOIT");
        String contract = "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
        assertThat(api.post("responder", "/api/incidents/" + incident + "/affected-assets", """
                {"assets":[{"type":"CONTRACT","identifier":"%s","chain":"ethereum"}],"reason":"the exploited vault"}"""
                .formatted(contract)).status()).isEqualTo(204);
        return incident;
    }

    private static void awaitWaitingStep(ApiClient api, String incident) {
        await().atMost(WAIT).until(() -> {
            for (JsonNode step : api.get("commander", "/api/incidents/" + incident + "/containment/steps").json()) {
                if ("AWAITING_APPROVAL".equals(step.path("status").asString())) {
                    return true;
                }
            }
            return false;
        });
    }
}
