package io.incidentledger.console.regulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
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

/**
 * A regulator in a real browser (headless Chromium): signs in through the form, lands on the portal, and walks its
 * five pages by keyboard along the links, with the service's Content-Security-Policy in force and nothing on the
 * pages that it refuses. Screenshots go to {@code target/screenshots/RegulatorPortalBrowserTest/}.
 */
@RequiresBrowser
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-regulator-browser;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/console-regulator/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-regulator/witness-${random.uuid}.checkpoint"
})
class RegulatorPortalBrowserTest {

    private static final Duration VIEWS = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @RegisterExtension
    final RealBrowsers browsers = new RealBrowsers();

    @Test
    void aRegulatorSignsInLandsOnThePortalAndWalksItsFivePagesByKeyboard() {
        String id = incident("Bridge validator keys exported");
        earlierIncidents();
        RealBrowser browser = browsers.open(port).go("/login");
        signIn(browser, "regulator");
        browser.waitForPath("/console/regulator");
        assertThat(browser.driver().findElement(By.tagName("h2")).getText()).isEqualTo("Compliance register");
        browser.screenshot("1-register");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();

        follow(browser, By.cssSelector("a[href='/console/regulator/incidents/" + id + "']"));
        browser.waitForPath("/console/regulator/incidents/" + id);
        assertThat(browser.has("verify")).isTrue();
        assertThat(current(browser)).isEqualTo("Incident report");
        browser.screenshot("2-incident-report");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();

        follow(browser, subnav("Obligations"));
        browser.waitForPath("/console/regulator/obligations");
        assertThat(current(browser)).isEqualTo("Obligations");
        browser.screenshot("3-obligations");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();

        follow(browser, subnav("Response metrics"));
        browser.waitForPath("/console/regulator/metrics");
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart[role='img']"))).hasSize(4);
        browser.screenshot("4-metrics");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();
        browser.execute("document.querySelector('.charts').scrollIntoView()");
        browser.screenshot("4-metrics-charts");

        follow(browser, subnav("Access log"));
        browser.waitForPath("/console/regulator/access-log");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-incident='" + id + "']")))
                .as("the reads of the report page just opened").hasSize(2);
        browser.screenshot("5-access-log");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();

        assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void thePortalFitsAPhoneWithoutScrollingSideways() {
        String id = incident("Hot wallet drained on a phone");
        RealBrowser phone = browsers.openPhone(port).go("/login");
        signIn(phone, "regulator");
        phone.waitForPath("/console/regulator");
        assertThat(phone.layoutWidth()).isEqualTo(RealBrowser.PHONE.width);
        assertThat(phone.scrollsSideways()).isFalse();
        phone.screenshot("register-phone");

        phone.go("/console/regulator/incidents/" + id);
        assertThat(phone.scrollsSideways()).isFalse();
        phone.screenshot("incident-report-phone");
        phone.go("/console/regulator/metrics");
        assertThat(phone.scrollsSideways()).isFalse();
        phone.screenshot("metrics-phone");
        assertThat(phone.contentSecurityPolicyViolations()).isEmpty();
    }

    private String incident(String title) {
        ApiClient api = new ApiClient(port);
        Response reported = api.post("commander", "/api/incidents", """
                {"title":"%s","severity":"HIGH","category":"KEY_COMPROMISE",
                 "occurredAt":"2026-01-10T00:00:00Z","detectedAt":"2026-01-10T02:00:00Z"}""".formatted(title));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().get("incidentId").asString();
        await().atMost(VIEWS).until(() -> api.get("regulator", "/api/compliance/register?size=200").body()
                .contains(id));
        return id;
    }

    /** Incidents detected in the months before, each taking its own time to detect: a line to draw. */
    private void earlierIncidents() {
        ApiClient api = new ApiClient(port);
        String[][] times = {{"2025-09-03T00:00:00Z", "2025-09-03T05:00:00Z"}, {"2025-10-07T00:00:00Z",
                "2025-10-07T02:00:00Z"}, {"2025-12-01T00:00:00Z", "2025-12-01T08:30:00Z"}};
        for (String[] occurredAndDetected : times) {
            assertThat(api.post("commander", "/api/incidents", """
                    {"title":"Earlier","severity":"MEDIUM","category":"OTHER","occurredAt":"%s","detectedAt":"%s"}"""
                    .formatted(occurredAndDetected[0], occurredAndDetected[1])).status()).isEqualTo(201);
        }
    }

    /** Focuses the link and presses Enter on it, as a person reaching it with Tab does. */
    private static void follow(RealBrowser browser, By link) {
        WebElement element = browser.driver().findElement(link);
        element.sendKeys(Keys.ENTER);
        assertThat(browser.focused()).isNotNull();
    }

    private static By subnav(String text) {
        return By.xpath("//nav[@aria-label='Regulator portal']//a[normalize-space()='" + text + "']");
    }

    private static String current(RealBrowser browser) {
        return browser.driver().findElement(By.cssSelector("nav[aria-label='Regulator portal'] a[aria-current='page']"))
                .getText();
    }

    /** Types the name, moves to the password with Tab, types it and presses Enter. */
    private static void signIn(RealBrowser browser, String name) {
        browser.field("Name").sendKeys(name, Keys.TAB);
        assertThat(browser.focused()).isEqualTo(browser.field("Password"));
        browser.focused().sendKeys(name, Keys.ENTER);
    }
}
