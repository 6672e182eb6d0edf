package io.incidentledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.RealBrowser;
import io.incidentledger.testing.RealBrowsers;
import io.incidentledger.testing.RequiresBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The board in real browsers: live between two people, filters without a reload, keyboard, phone width. */
@RequiresBrowser
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-board-browser;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/console-board-browser/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-board-browser/witness-${random.uuid}.checkpoint"
})
class BoardBrowserTest {

    private static final Duration A_SECOND = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @RegisterExtension
    final RealBrowsers browsers = new RealBrowsers();

    private static void waitUntilLive(RealBrowser browser) {
        new WebDriverWait(browser.driver(), LONG).withMessage("the live feed connected")
                .until(ignored -> "open".equals(browser.driver().findElement(By.id("live-status"))
                        .getDomAttribute("data-state")));
    }

    /** Read in one step in the page: the board may be swapped for a fresher one at any moment. */
    private static boolean boardShows(RealBrowser browser, String text) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser.driver()).executeScript(
                "return [...document.querySelectorAll('#board tbody tr')].some(r => r.textContent.includes(arguments[0]))",
                text));
    }

    private static long boardRows(RealBrowser browser) {
        return (Long) ((JavascriptExecutor) browser.driver()).executeScript(
                "return document.querySelectorAll('#board tbody tr[data-incident]').length");
    }

    @Test
    void anIncidentAResponderReportsAppearsOnACommandersBoardWithinASecond() {
        RealBrowser commander = browsers.open(port).signInAs("commander");
        commander.waitForPath("/console");
        waitUntilLive(commander);
        RealBrowser responder = browsers.open(port).signInAs("responder");
        responder.waitForPath("/console");
        String title = "Withdrawal spike " + UUID.randomUUID().toString().substring(0, 8);

        responder.driver().findElement(By.cssSelector("#report summary")).click();
        responder.field("Title").sendKeys(title);
        new Select(responder.field("Severity")).selectByVisibleText("HIGH");
        new Select(responder.field("Category")).selectByVisibleText("FRAUDULENT_TRANSACTION");
        responder.button("Report").click();
        WebElement result = responder.driver().findElement(By.cssSelector("#report [data-result]"));
        new WebDriverWait(responder.driver(), LONG).withMessage("the report was accepted")
                .until(ignored -> result.getText().startsWith("Reported"));

        new WebDriverWait(commander.driver(), A_SECOND).pollingEvery(Duration.ofMillis(20))
                .withMessage("the new incident on the commander's board within a second")
                .until(ignored -> boardShows(commander, title));
        commander.screenshot("board-live");
        new WebDriverWait(responder.driver(), A_SECOND).pollingEvery(Duration.ofMillis(20))
                .withMessage("the new incident on the reporter's own board too")
                .until(ignored -> boardShows(responder, title));
        assertThat(commander.contentSecurityPolicyViolations()).isEmpty();
        assertThat(responder.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void aChangeMadeThroughTheApiMovesTheIncidentOnTheBoardWithoutAReload() {
        ApiClient api = new ApiClient(port);
        String title = "Bridge paused " + UUID.randomUUID().toString().substring(0, 8);
        String id = api.post("responder", "/api/incidents", """
                {"title":"%s","severity":"LOW","category":"SMART_CONTRACT_EXPLOIT"}""".formatted(title))
                .json().get("incidentId").asText();
        RealBrowser commander = browsers.open(port).signInAs("commander");
        commander.go("/console?scope=all&status=REPORTED");
        waitUntilLive(commander);
        new WebDriverWait(commander.driver(), LONG).until(ignored -> boardShows(commander, title));

        assertThat(api.post("commander", "/api/incidents/" + id + "/acknowledgement", null).status()).isEqualTo(204);

        new WebDriverWait(commander.driver(), A_SECOND).pollingEvery(Duration.ofMillis(20))
                .withMessage("the acknowledged incident gone from the REPORTED filter within a second")
                .until(ignored -> !boardShows(commander, title));
    }

    @Test
    void theFiltersNarrowTheBoardByKeyboardWithoutLeavingThePage() {
        ApiClient api = new ApiClient(port);
        String tag = "k" + UUID.randomUUID().toString().substring(0, 8);
        api.post("responder", "/api/incidents", """
                {"title":"Critical %s","severity":"CRITICAL","category":"KEY_COMPROMISE"}""".formatted(tag));
        api.post("responder", "/api/incidents", """
                {"title":"Minor %s","severity":"LOW","category":"PHISHING"}""".formatted(tag));
        RealBrowser responder = browsers.open(port).signInAs("responder");
        responder.waitForPath("/console");
        // the first thing a keyboard reaches is the way past the navigation
        responder.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(responder.focused().getText()).isEqualTo("Skip to content");

        responder.field("Words").sendKeys(tag);
        new WebDriverWait(responder.driver(), LONG)
                .until(ignored -> boardShows(responder, "Critical " + tag) && boardShows(responder, "Minor " + tag)
                        && boardRows(responder) == 2);
        WebElement critical = responder.driver().findElement(By.xpath(
                "//fieldset[legend='Severity']//label[normalize-space()='CRITICAL']/input"));
        critical.sendKeys(Keys.SPACE);

        new WebDriverWait(responder.driver(), LONG).withMessage("only the critical incident")
                .until(ignored -> !boardShows(responder, "Minor " + tag) && boardShows(responder, "Critical " + tag));
        // the address follows the filters: a reload shows the same board
        assertThat(responder.path()).startsWith("/console?").contains("severity=CRITICAL", "q=" + tag);
        responder.screenshot("board-filtered");
        responder.driver().navigate().refresh();
        assertThat(boardRows(responder)).isEqualTo(1);
        assertThat(boardShows(responder, "Critical " + tag)).isTrue();
    }

    @Test
    void theBoardFitsAPhoneWithoutScrollingTheWholePageSideways() {
        new ApiClient(port).post("responder", "/api/incidents", """
                {"title":"Phone check: a fairly long incident title that has to wrap on a narrow screen",
                 "severity":"MEDIUM","category":"NODE_COMPROMISE"}""");
        RealBrowser phone = browsers.openPhone(port).signInAs("responder");
        phone.waitForPath("/console");
        assertThat(phone.layoutWidth()).isEqualTo(RealBrowser.PHONE.width);
        assertThat(phone.scrollsSideways()).isFalse();
        phone.screenshot("board-phone");

        RealBrowser desktop = browsers.open(port).signInAs("commander");
        desktop.waitForPath("/console");
        waitUntilLive(desktop);
        desktop.screenshot("board");
        assertThat(desktop.scrollsSideways()).isFalse();
        assertThat(desktop.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();
        assertThat(phone.lowContrastTexts()).as("texts below WCAG AA contrast on the phone").isEmpty();
        // the audit sees a pale heading (#bbb on the page's near-white: about 1.8:1)
        desktop.execute("document.querySelector('h1').style.color = '#bbbbbb'");
        assertThat(desktop.lowContrastTexts()).singleElement().asString().endsWith("Incident board");
        assertThat(phone.contentSecurityPolicyViolations()).isEmpty();
        assertThat(desktop.contentSecurityPolicyViolations()).isEmpty();
    }
}
