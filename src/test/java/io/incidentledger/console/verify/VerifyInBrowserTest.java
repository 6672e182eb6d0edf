package io.incidentledger.console.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.RealBrowser;
import io.incidentledger.testing.RealBrowsers;
import io.incidentledger.testing.RequiresBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A regulator verifies an incident's events in a real browser (headless Chromium) against the whole application: the
 * checkpoint's Ed25519 signature with the key they pinned, and each event's inclusion proof, all computed by
 * verify.js. What the browser receives is altered here, by wrapping the page's fetch from the test (as a person with
 * the developer tools, or a server that lies, would): a changed proof byte, a changed signature and a wrong pinned key
 * must each show as NOT verified. Screenshots under {@code target/screenshots/VerifyInBrowserTest/}.
 */
@RequiresBrowser
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-verify;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/console-verify/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/console-verify/witness-${random.uuid}.checkpoint"
})
class VerifyInBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String VERIFIED = "verified by your browser";
    private static final int NOTES = 3;

    @LocalServerPort
    int port;

    @Autowired
    LogAdmitter admitter;

    @RegisterExtension
    final RealBrowsers browsers = new RealBrowsers();

    private ApiClient api;
    private String incident;
    private List<String> eventIds;

    @BeforeEach
    void anIncidentWithSeveralEventsInASignedCheckpoint() {
        api = new ApiClient(port);
        ApiClient.Response reported = api.post("responder", "/api/incidents", """
                {"title":"Bridge drained <b>again</b>","description":"seen by the desk","severity":"HIGH",\
                "category":"KEY_COMPROMISE"}""");
        assertThat(reported.status()).isEqualTo(201);
        incident = reported.json().get("incidentId").asString();
        await().atMost(WAIT).until(() -> api.get("responder", "/api/incidents/" + incident).status() == 200);
        assertThat(api.post("responder", "/api/incidents/" + incident + "/acknowledgement", null).status())
                .isEqualTo(204);
        for (int i = 0; i < NOTES; i++) {
            assertThat(api.post("responder", "/api/incidents/" + incident + "/notes",
                    "{\"text\":\"note " + i + "\"}").status()).isEqualTo(204);
        }
        eventIds = await().atMost(WAIT).until(this::eventsInTheNewestCheckpoint, ids -> ids != null);
    }

    /** The incident's event ids once every one is covered by the newest signed checkpoint, else null. */
    private List<String> eventsInTheNewestCheckpoint() {
        admitter.catchUpAndCheckpoint();
        String note = api.get("regulator", "/api/ledger/checkpoint").body();
        long size = Long.parseLong(note.split("\n")[1]);
        List<String> ids = new ArrayList<>();
        for (JsonNode event : api.get("regulator", "/api/incidents/" + incident + "/events").json()) {
            if (event.get("leafIndex").isNull() || event.get("leafIndex").asLong() >= size) {
                return null;
            }
            ids.add(event.get("eventId").asString());
        }
        return ids.size() >= NOTES + 2 ? ids : null;
    }

    @Test
    void aRegulatorWhoPinnedTheKeySeesEveryEventVerifiedByTheirBrowser() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        pinPasted(browser, serverKey());
        assertThat(browser.text("verify")).contains("Pinned in this browser: incident-ledger.local/log");
        browser.screenshot("key-pinned");

        verify(browser);

        assertThat(results(browser)).hasSize(eventIds.size()).containsOnly(VERIFIED);
        assertThat(part(browser, "summary")).isEqualTo(eventIds.size() + " of " + eventIds.size()
                + " events verified by your browser.");
        assertThat(part(browser, "checkpoint-result"))
                .isEqualTo("Checkpoint verified by your browser: signed by your pinned key.");
        screenshot(browser, "verified");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();
        assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void theKeyPinnedInTheBrowserIsKeptForTheNextVisit() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        browser.driver().findElement(By.xpath("//summary[normalize-space()='Pin a key']")).click();
        await().atMost(WAIT).until(() -> !part(browser, "server-key").equals("unknown"));
        browser.button("Pin the key the service publishes").click();
        await().atMost(WAIT).until(() -> part(browser, "key-result").startsWith("Pinned"));

        browser.go("/console/incidents/" + incident + "/verify");

        await().atMost(WAIT).until(() -> part(browser, "pinned-key").equals(serverKey()));
        verify(browser);
        assertThat(results(browser)).containsOnly(VERIFIED);
    }

    @Test
    void aProofWithOneHashByteChangedShowsThatEventAsNotVerified() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        pinPasted(browser, serverKey());
        String tampered = eventIds.get(2);
        browser.execute("""
                const eventId = '%s';
                const original = window.fetch;
                window.fetch = async function (url, init) {
                    const response = await original(url, init);
                    if (!String(url).includes('/api/ledger/proofs/inclusion')
                            || !String(url).includes(encodeURIComponent(eventId))) {
                        return response;
                    }
                    const proof = await response.json();
                    const first = proof.path[0];
                    proof.path[0] = (first[0] === '0' ? '1' : '0') + first.substring(1);
                    return new Response(JSON.stringify(proof),
                            { status: 200, headers: { 'Content-Type': 'application/json' } });
                };""".formatted(tampered));

        verify(browser);

        List<String> results = results(browser);
        assertThat(results.get(2)).isEqualTo("NOT verified: its inclusion proof does not lead to the signed root");
        assertThat(results.subList(0, 2)).containsOnly(VERIFIED);
        assertThat(results.subList(3, results.size())).containsOnly(VERIFIED);
        assertThat(part(browser, "summary")).endsWith("; 1 NOT verified.");
        screenshot(browser, "proof-tampered");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();
    }

    @Test
    void aCheckpointWithAChangedSignatureIsNotVerifiedAndNeitherIsAnyEvent() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        pinPasted(browser, serverKey());
        browser.execute("""
                const original = window.fetch;
                window.fetch = async function (url, init) {
                    const response = await original(url, init);
                    if (!String(url).endsWith('/api/ledger/checkpoint')) {
                        return response;
                    }
                    const note = await response.text();
                    const line = note.lastIndexOf('\\u2014 ');
                    const space = note.indexOf(' ', line + 2);
                    const bytes = Uint8Array.from(atob(note.substring(space + 1).trim()), c => c.charCodeAt(0));
                    bytes[10] ^= 1;
                    const changed = note.substring(0, space + 1) + btoa(String.fromCharCode(...bytes)) + '\\n';
                    return new Response(changed, { status: 200, headers: { 'Content-Type': 'text/plain' } });
                };""");

        verify(browser);

        assertThat(part(browser, "checkpoint-result")).isEqualTo(
                "Checkpoint NOT verified: invalid signature for key incident-ledger.local/log+" + keyId(serverKey()));
        assertThat(results(browser)).containsOnly("NOT verified: the checkpoint is not verified");
        screenshot(browser, "signature-tampered");
    }

    @Test
    void aWrongPinnedKeyIsWarnedAboutAndVerifiesNoCheckpoint() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        String otherKey = LedgerKeys.generate("incident-ledger.local/log", new SecureRandom()).verifierKey();
        pinPasted(browser, otherKey);
        await().atMost(WAIT).until(() -> part(browser, "key-warning").startsWith("The service now publishes a "
                + "different key"));
        browser.execute("document.querySelector(\"[data-verify='key-warning']\").scrollIntoView()");
        browser.screenshot("wrong-key-warning");

        verify(browser);

        assertThat(part(browser, "checkpoint-result")).isEqualTo("Checkpoint NOT verified: note has no signature by "
                + "key incident-ledger.local/log+" + keyId(otherKey));
        assertThat(results(browser)).hasSize(eventIds.size())
                .containsOnly("NOT verified: the checkpoint is not verified");
        assertThat(part(browser, "summary")).startsWith("NOT verified: the checkpoint is not verified with your "
                + "pinned key");
        screenshot(browser, "wrong-key");
    }

    @Test
    void onTheNextVisitTheBrowserChecksThatTheLogOnlyGrewSinceTheCheckpointItVerified() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        pinPasted(browser, serverKey());
        verify(browser);
        assertThat(part(browser, "history")).startsWith("Your browser keeps this checkpoint");
        long before = treeSize(browser);
        growTheLog();

        browser.go("/console/incidents/" + incident + "/verify");
        waitUntilReady(browser);
        verify(browser);

        assertThat(treeSize(browser)).isGreaterThan(before);
        assertThat(part(browser, "history")).isEqualTo("The log only grew since your browser verified it before: "
                + "tree size " + before + " to " + treeSize(browser) + ", verified by your browser.");
        assertThat(results(browser)).containsOnly(VERIFIED);
        screenshot(browser, "log-grew");
    }

    @Test
    void aConsistencyProofWithOneHashByteChangedShowsTheLogAsNotExtendingTheEarlierCheckpoint() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        pinPasted(browser, serverKey());
        verify(browser);
        long before = treeSize(browser);
        growTheLog();
        browser.execute("""
                const original = window.fetch;
                window.fetch = async function (url, init) {
                    const response = await original(url, init);
                    if (!String(url).includes('/api/ledger/proofs/consistency')) {
                        return response;
                    }
                    const proof = await response.json();
                    const last = proof.path[proof.path.length - 1];
                    proof.path[proof.path.length - 1] = (last[0] === '0' ? '1' : '0') + last.substring(1);
                    return new Response(JSON.stringify(proof),
                            { status: 200, headers: { 'Content-Type': 'application/json' } });
                };""");

        verify(browser);

        assertThat(part(browser, "history")).startsWith("NOT verified: this log does not extend the checkpoint your "
                + "browser verified before (tree size " + before + ", root ")
                .endsWith(": the consistency proof does not join the two signed roots. Your browser keeps the "
                        + "earlier checkpoint.");
        assertThat(part(browser, "summary")).endsWith("The log does NOT extend the checkpoint your browser verified "
                + "before.");
        screenshot(browser, "consistency-tampered");
    }

    @Test
    void afterTheKeyIsForgottenNothingIsVerifiedUntilAKeyIsPinnedAgain() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        pinPasted(browser, serverKey());
        verify(browser);

        browser.button("Forget the pinned key").sendKeys(Keys.ENTER);
        await().atMost(WAIT).until(() -> part(browser, "pinned").startsWith("No key is pinned in this browser yet"));
        verify(browser);

        assertThat(part(browser, "summary"))
                .isEqualTo("NOT verified: no key is pinned in this browser; pin the ledger's key first");
        assertThat(results(browser)).isEmpty();
        assertThat(browser.execute("return localStorage.length")).isEqualTo(0L);
    }

    @Test
    void aKeyWhoseKeyIdDoesNotMatchIsNotPinned() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        String key = serverKey();
        String wrongId = key.replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");

        pinPasted(browser, wrongId);

        assertThat(part(browser, "key-result")).startsWith("Not pinned: verifier key ID 00000000 does not match");
        assertThat(part(browser, "pinned")).startsWith("No key is pinned in this browser yet");
    }

    @Test
    void anEventTheListingShowsOutsideTheCheckpointIsNotYetInASignedCheckpoint() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        pinPasted(browser, serverKey());
        // as the listing shows an event committed after the newest checkpoint: its leaf is beyond the signed tree
        browser.execute("""
                const original = window.fetch;
                window.fetch = async function (url, init) {
                    const response = await original(url, init);
                    if (!String(url).endsWith('/events')) {
                        return response;
                    }
                    const events = await response.json();
                    events[events.length - 1].leafIndex = 1000000;
                    return new Response(JSON.stringify(events),
                            { status: 200, headers: { 'Content-Type': 'application/json' } });
                };""");

        verify(browser);

        List<String> results = results(browser);
        assertThat(results.get(results.size() - 1)).isEqualTo("not yet in a signed checkpoint");
        assertThat(results.subList(0, results.size() - 1)).containsOnly(VERIFIED);
        assertThat(part(browser, "summary")).endsWith("; 1 not yet in a signed checkpoint.");
    }

    @Test
    void onAPhoneThePanelVerifiesWithoutScrollingSideways() {
        RealBrowser phone = browsers.openPhone(port);
        signIn(phone);
        pinPasted(phone, serverKey());

        verify(phone);

        assertThat(results(phone)).containsOnly(VERIFIED);
        assertThat(phone.scrollsSideways()).isFalse();
        assertThat(phone.execute("""
                return [...document.querySelectorAll("[data-verify='events'] td[data-event]")]
                        .every(cell => cell.getBoundingClientRect().right <= window.innerWidth)""")).isEqualTo(true);
        screenshot(phone, "verified-phone");
    }

    private RealBrowser signedInRegulatorOnThePanel() {
        RealBrowser browser = browsers.open(port);
        signIn(browser);
        return browser;
    }

    private void signIn(RealBrowser browser) {
        browser.go("/console/incidents/" + incident + "/verify").waitForPath("/login");
        browser.field("Name").sendKeys("regulator");
        browser.field("Password").sendKeys("regulator", Keys.ENTER);
        browser.waitForPath("/console/incidents/" + incident + "/verify");
        waitUntilReady(browser);
    }

    private static void waitUntilReady(RealBrowser browser) {
        new WebDriverWait(browser.driver(), WAIT).until(driver -> driver.findElement(
                By.cssSelector("[data-verify='ready']")).isDisplayed());
    }

    /** Adds an event and waits for a signed checkpoint of the grown log. */
    private void growTheLog() {
        long size = checkpointSize();
        assertThat(api.post("responder", "/api/incidents/" + incident + "/notes", "{\"text\":\"later\"}").status())
                .isEqualTo(204);
        await().atMost(WAIT).until(() -> {
            admitter.catchUpAndCheckpoint();
            return checkpointSize() > size;
        });
    }

    private long checkpointSize() {
        return Long.parseLong(api.get("regulator", "/api/ledger/checkpoint").body().split("\n")[1]);
    }

    private static long treeSize(RealBrowser browser) {
        return Long.parseLong(part(browser, "tree-size"));
    }

    private String serverKey() {
        return api.get("regulator", "/api/ledger/public-key").body();
    }

    private static String keyId(String verifierKey) {
        return verifierKey.split("\\+")[1];
    }

    /** Opens "Pin a key", pastes the key and pins it, by keyboard. */
    private static void pinPasted(RealBrowser browser, String key) {
        WebElement summary = browser.driver().findElement(By.xpath("//summary[normalize-space()='Pin a key']"));
        summary.sendKeys(Keys.ENTER);
        browser.field("Verifier key to pin").sendKeys(key);
        browser.button("Pin the key I pasted").sendKeys(Keys.ENTER);
        await().atMost(WAIT).until(() -> !part(browser, "key-result").isEmpty());
    }

    private static void verify(RealBrowser browser) {
        browser.button("Verify in my browser").click();
        await().atMost(WAIT).until(() -> "false".equals(browser.driver()
                .findElement(By.cssSelector("[data-verify='results']")).getDomAttribute("aria-busy"))
                && !part(browser, "summary").isEmpty() && !part(browser, "summary").contains("verifying"));
    }

    /** Scrolls the results into view and takes a screenshot. */
    private static void screenshot(RealBrowser browser, String name) {
        browser.execute("document.querySelector(\"[data-verify='results']\").scrollIntoView()");
        browser.screenshot(name);
    }

    private static String part(RealBrowser browser, String name) {
        return String.valueOf(browser.execute("return document.querySelector(\"[data-verify='" + name
                + "']\").textContent.trim()"));
    }

    /** The result cell of each event, in sequence order. */
    private static List<String> results(RealBrowser browser) {
        return browser.driver().findElements(By.cssSelector("[data-verify='events'] td[data-event]")).stream()
                .map(WebElement::getText).toList();
    }
}
