package io.incidentledger.console.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.CosignerKey;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.SignedNote;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.witness.SpecWitness;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.RealBrowser;
import io.incidentledger.testing.RealBrowsers;
import io.incidentledger.testing.RequiresBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A regulator verifies an incident's events in a real browser (headless Chromium) against the whole application: the
 * checkpoint's Ed25519 signature with the key they pinned, and each event's inclusion proof, all computed by
 * verify.js. What the browser receives is altered here, by wrapping the page's fetch from the test (as a person with
 * the developer tools, or a server that lies, would): a changed proof byte, a changed signature and a wrong pinned key
 * must each show as NOT verified. The log's key is rotated by the administrator, and two real witnesses cosign every
 * checkpoint ({@link VerifyPanelApplication}): a checkpoint signed by a key the person has not pinned is neither
 * verified nor an alarm, a retired key's signature beyond its range and a changed cosignature are NOT verified.
 * Screenshots under {@code target/screenshots/VerifyInBrowserTest/}.
 */
@RequiresBrowser
class VerifyInBrowserTest extends VerifyPanelApplication {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String VERIFIED = "verified by your browser";
    private static final int NOTES = 3;
    private static final String NOT_PINNED = "not verified: the checkpoint is signed by a key you have not pinned";
    private static final String NOT_VERIFIED = "NOT verified: the checkpoint is not verified";
    /** changeLine(note, n, i): the note with byte i of its n-th signature line (from 0; -1, the last) changed. */
    private static final String CHANGE_LINE = """
            const changeLine = (note, n, i) => {
                const start = note.lastIndexOf('\\n\\n') + 2;
                const lines = note.substring(start).split('\\n').slice(0, -1);
                const k = n < 0 ? lines.length + n : n;
                const space = lines[k].indexOf(' ', 2);
                const bytes = Uint8Array.from(atob(lines[k].substring(space + 1)), c => c.charCodeAt(0));
                bytes[i] ^= 1;
                lines[k] = lines[k].substring(0, space + 1) + btoa(String.fromCharCode(...bytes));
                return note.substring(0, start) + lines.join('\\n') + '\\n';
            };
            """;

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
        assertThat(part(browser, "pinned")).isEqualTo("Pinned in this browser (pasted by you): 1 key.");
        assertThat(part(browser, "pinned-keys")).isEqualTo("incident-ledger.local/log (key ID " + keyId(serverKey())
                + "), every tree size: " + serverKey());
        browser.screenshot("key-pinned");

        verify(browser);

        assertThat(results(browser)).hasSize(eventIds.size()).containsOnly(VERIFIED);
        assertThat(part(browser, "summary")).isEqualTo(eventIds.size() + " of " + eventIds.size()
                + " events verified by your browser.");
        assertThat(part(browser, "checkpoint-result"))
                .isEqualTo("Checkpoint verified by your browser: signed by your pinned key for its tree size.");
        screenshot(browser, "verified");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();
        assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void theKeyPinnedInTheBrowserIsKeptForTheNextVisit() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        browser.driver().findElement(By.xpath("//summary[normalize-space()='Pin keys']")).click();
        await().atMost(WAIT).until(() -> part(browser, "server-keys").contains(serverKey()));
        browser.button("Pin the keys the service publishes").click();
        await().atMost(WAIT).until(() -> part(browser, "key-result").startsWith("Pinned"));

        browser.go("/console/incidents/" + incident + "/verify");

        await().atMost(WAIT).until(() -> part(browser, "pinned-keys").contains(serverKey()));
        assertThat(part(browser, "pinned")).startsWith("Pinned in this browser (published by the service when you "
                + "pinned them: trust on first use)");
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
        browser.execute(CHANGE_LINE + """
                const original = window.fetch;
                window.fetch = async function (url, init) {
                    const response = await original(url, init);
                    if (!String(url).endsWith('/api/ledger/checkpoint')) {
                        return response;
                    }
                    return new Response(changeLine(await response.text(), 0, 10),
                            { status: 200, headers: { 'Content-Type': 'text/plain' } });
                };""");

        verify(browser);

        assertThat(part(browser, "checkpoint-result")).isEqualTo(
                "Checkpoint NOT verified: invalid signature for key incident-ledger.local/log+" + keyId(serverKey()));
        assertThat(results(browser)).containsOnly("NOT verified: the checkpoint is not verified");
        screenshot(browser, "signature-tampered");
    }

    @Test
    void aCheckpointSignedByAKeyThatIsNotPinnedIsWarnedAboutButNeitherVerifiedNorAnAlarm() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        String otherKey = LedgerKeys.generate("incident-ledger.local/log", new SecureRandom()).verifierKey();
        pinPasted(browser, otherKey);
        await().atMost(WAIT).until(() -> part(browser, "key-warning").startsWith("The service now publishes a "
                + "different key"));
        browser.execute("document.querySelector(\"[data-verify='key-warning']\").scrollIntoView()");
        browser.screenshot("wrong-key-warning");

        verify(browser);

        assertThat(part(browser, "checkpoint-result")).startsWith("Checkpoint not verified: it is signed by key "
                + "incident-ledger.local/log+" + keyId(serverKey()) + ", which you have not pinned. The service ")
                .contains("compare that key with the one the ledger's operator gives you through another channel");
        assertThat(results(browser)).hasSize(eventIds.size())
                .containsOnly("not verified: the checkpoint is signed by a key you have not pinned");
        assertThat(part(browser, "summary")).startsWith("Not verified, and not a sign of tampering by itself");
        assertThat(alarms(browser)).isZero();
        screenshot(browser, "wrong-key");
    }

    @Test
    void afterARotationTheOldPinnedKeySeesAnUnpinnedKeyNotAnAlarmAndTheRotatedKeysVerifyAndTheLogOnlyGrew()
            throws IOException {
        RealBrowser browser = signedInRegulatorOnThePanel();
        String oldKey = serverKey();
        // as the panel's earlier version left it: one key, for every tree size
        ((JavascriptExecutor) browser.driver()).executeScript(
                "localStorage.setItem('incident-ledger/pinned-verifier-key', arguments[0])", oldKey);
        browser.go("/console/incidents/" + incident + "/verify");
        waitUntilReady(browser);
        await().atMost(WAIT).until(() -> part(browser, "pinned-keys").endsWith(oldKey));
        assertThat(part(browser, "pinned")).isEqualTo("Pinned in this browser (the single key pinned by this panel's "
                + "earlier version, for every tree size): 1 key.");
        assertThat(browser.execute("return localStorage.getItem('incident-ledger/pinned-verifier-key')")).isNull();
        verify(browser);
        assertThat(results(browser)).containsOnly(VERIFIED);
        long before = treeSize(browser);

        ApiClient.Response rotated = api.post("admin", "/api/ledger/keys/rotate", "{\"reason\":\"yearly rotation\"}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newKey = rotated.json().path("newVerifierKey").asString();
        long rotation = rotated.json().path("treeSize").asLong();
        WITNESSES.forEach(witness -> witness.trustLogKey(newKey));
        growTheLog();

        browser.go("/console/incidents/" + incident + "/verify");
        waitUntilReady(browser);
        String reported = "The service reports a rotation of the log's key at tree size " + rotation + ": key "
                + "incident-ledger.local/log+" + keyId(oldKey) + " signs up to " + rotation + ", key "
                + "incident-ledger.local/log+" + keyId(newKey) + " from " + (rotation + 1) + " on";
        await().atMost(WAIT).until(() -> part(browser, "key-warning").contains(reported));
        verify(browser);

        assertThat(part(browser, "checkpoint-result")).startsWith("Checkpoint not verified: it is signed by key "
                + "incident-ledger.local/log+" + keyId(newKey) + ", which you have not pinned. " + reported);
        assertThat(results(browser)).containsOnly(NOT_PINNED);
        assertThat(alarms(browser)).isZero();
        screenshot(browser, "rotation-unpinned");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();

        pinPasted(browser, "# " + ORIGIN + ", as the operator sent it\n" + oldKey + " 0-" + rotation + "\n" + newKey
                + " " + (rotation + 1) + "-\n");
        assertThat(part(browser, "pinned-keys")).isEqualTo("incident-ledger.local/log (key ID " + keyId(oldKey)
                + "), tree sizes 0 to " + rotation + ": " + oldKey + "incident-ledger.local/log (key ID "
                + keyId(newKey) + "), tree sizes " + (rotation + 1) + " on: " + newKey);
        verify(browser);

        assertThat(results(browser)).as("the incident's events and the note that grew the log")
                .hasSize(eventIds.size() + 1).containsOnly(VERIFIED);
        assertThat(part(browser, "signer")).isEqualTo("incident-ledger.local/log (key ID " + keyId(newKey)
                + ", pinned for tree sizes " + (rotation + 1) + " on)");
        assertThat(part(browser, "history")).isEqualTo("The log only grew since your browser verified it before: "
                + "tree size " + before + " to " + treeSize(browser) + ", verified by your browser.");
        assertThat(part(browser, "key-warning")).isEmpty();
        screenshot(browser, "rotation-pinned");

        // the retired key, which may be in other hands, signs the newest checkpoint's tree
        String text = SignedNote.parse(api.get("regulator", "/api/ledger/checkpoint").body()).text();
        String retiredNote = LedgerKeys.load(SIGNING_KEY).sign(text);
        ((JavascriptExecutor) browser.driver()).executeScript("""
                const note = arguments[0];
                const original = window.fetch;
                window.fetch = async function (url, init) {
                    const response = await original(url, init);
                    return String(url).endsWith('/api/ledger/checkpoint')
                            ? new Response(note, { status: 200, headers: { 'Content-Type': 'text/plain' } })
                            : response;
                };""", retiredNote);
        verify(browser);

        assertThat(part(browser, "checkpoint-result")).isEqualTo("Checkpoint NOT verified: tree size "
                + Checkpoint.parse(text).treeSize() + " is signed by key incident-ledger.local/log+" + keyId(oldKey)
                + ", which you pinned for tree sizes 0 to " + rotation + " only: a retired key signed a checkpoint "
                + "after its rotation");
        assertThat(results(browser)).containsOnly(NOT_VERIFIED);
        screenshot(browser, "retired-key-refused");
    }

    @Test
    void theWitnessesCosignaturesAreShownUncheckedThenVerifiedWithTheirTimesAndAChangedOneIsNotVerified() {
        String note = await().atMost(WAIT).until(() -> api.get("regulator", "/api/ledger/checkpoint").body(),
                body -> SignedNote.parse(body).signatures().size() == 1 + WITNESSES.size());
        RealBrowser browser = signedInRegulatorOnThePanel();
        pinPasted(browser, serverKey());
        SpecWitness first = WITNESSES.get(0);
        SpecWitness second = WITNESSES.get(1);
        verify(browser);

        assertThat(part(browser, "witness-result")).isEqualTo("2 cosignature lines, not checked: no witness key "
                + "pinned.");
        assertThat(items(browser, "cosignatures")).containsExactly(
                "witness.example/first (key ID " + keyId(first.verifierKey()) + "): not checked: no witness key pinned",
                "witness.example/second (key ID " + keyId(second.verifierKey()) + "): not checked: no witness key "
                        + "pinned");
        assertThat(results(browser)).containsOnly(VERIFIED);

        pinWitnesses(browser, first.verifierKey() + "\n" + second.verifierKey(), "");
        assertThat(part(browser, "witnesses")).isEqualTo("Pinned in this browser: 2 witnesses, quorum 2.");
        verify(browser);

        assertThat(part(browser, "witness-result")).isEqualTo("Witnessed: cosigned by 2 of your 2 pinned witnesses, "
                + "quorum 2, verified by your browser.");
        assertThat(items(browser, "cosignatures")).hasSize(2).allMatch(item -> item.matches(
                "witness\\.example/(first|second) \\(key ID [0-9a-f]{8}\\): cosigned at "
                        + "20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, verified by your browser"));
        assertThat(part(browser, "summary")).isEqualTo(eventIds.size() + " of " + eventIds.size() + " events verified "
                + "by your browser. Cosigned by 2 of your 2 pinned witnesses (quorum 2).");
        screenshot(browser, "witnessed");
        assertThat(browser.lowContrastTexts()).as("texts below WCAG AA contrast").isEmpty();

        String silent = CosignerKey.generate("witness.example/silent", new SecureRandom()).verifierKey();
        pinWitnesses(browser, first.verifierKey() + "\n" + second.verifierKey() + "\n" + silent, "3");
        verify(browser);

        assertThat(part(browser, "witness-result")).startsWith("Quorum not met: cosigned by 2 of your 3 pinned "
                + "witnesses, fewer than your quorum of 3.");
        assertThat(items(browser, "cosignatures")).contains("witness.example/silent (key ID " + keyId(silent)
                + "): no cosignature on this checkpoint");
        assertThat(results(browser)).containsOnly(VERIFIED);
        assertThat(part(browser, "summary")).endsWith("Quorum of witnesses not met: 2 of your 3 pinned witnesses "
                + "cosigned, quorum 3.");
        assertThat(alarms(browser)).isZero();

        // the lines are ordered by witness name: the last is the second witness's
        browser.execute(CHANGE_LINE + """
                const original = window.fetch;
                window.fetch = async function (url, init) {
                    const response = await original(url, init);
                    if (!String(url).endsWith('/api/ledger/checkpoint')) {
                        return response;
                    }
                    return new Response(changeLine(await response.text(), -1, 20),
                            { status: 200, headers: { 'Content-Type': 'text/plain' } });
                };""");
        verify(browser);

        assertThat(part(browser, "checkpoint-result")).isEqualTo("Checkpoint NOT verified: the cosignature of witness "
                + "witness.example/second+" + keyId(second.verifierKey()) + " does not verify");
        assertThat(results(browser)).containsOnly(NOT_VERIFIED);
        screenshot(browser, "cosignature-tampered");
        assertThat(note).contains("\u2014 witness.example/first ");
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

        browser.button("Forget the pinned keys").sendKeys(Keys.ENTER);
        await().atMost(WAIT).until(() -> part(browser, "pinned").startsWith("No key is pinned in this browser yet"));
        verify(browser);

        assertThat(part(browser, "summary"))
                .isEqualTo("NOT verified: no key is pinned in this browser; pin the ledger's keys first");
        assertThat(results(browser)).isEmpty();
        assertThat(browser.execute("return localStorage.length")).isEqualTo(0L);
    }

    @Test
    void aKeyWhoseKeyIdDoesNotMatchIsNotPinned() {
        RealBrowser browser = signedInRegulatorOnThePanel();
        String key = serverKey();
        String wrongId = key.replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");

        pinPasted(browser, wrongId);

        assertThat(part(browser, "key-result")).startsWith("Not pinned: line 1 is not a valid verifier key: verifier "
                + "key ID 00000000 does not match");
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

    /** Opens "Pin keys", pastes the key or keys file and pins it, by keyboard. */
    private static void pinPasted(RealBrowser browser, String keys) {
        open(browser, "Pin keys");
        browser.execute("document.querySelector(\"[data-verify='key-result']\").textContent = ''");
        WebElement field = browser.field("Verifier key or keys file to pin");
        field.clear();
        field.sendKeys(keys);
        browser.button("Pin the keys I pasted").sendKeys(Keys.ENTER);
        await().atMost(WAIT).until(() -> !part(browser, "key-result").isEmpty());
    }

    /** Opens "Pin witnesses", pastes their keys and the quorum and pins them, by keyboard. */
    private static void pinWitnesses(RealBrowser browser, String keys, String quorum) {
        open(browser, "Pin witnesses");
        WebElement field = browser.field("Witness keys to pin, one a line");
        field.clear();
        field.sendKeys(keys);
        WebElement quorumField = browser.field("Quorum");
        quorumField.clear();
        quorumField.sendKeys(quorum);
        String before = part(browser, "witnesses");
        browser.button("Pin the witnesses I pasted").sendKeys(Keys.ENTER);
        await().atMost(WAIT).until(() -> part(browser, "witness-key-result").startsWith("Pinned")
                && !part(browser, "witnesses").equals(before));
    }

    private static void open(RealBrowser browser, String summary) {
        WebElement details = browser.driver().findElement(By.xpath("//summary[normalize-space()='" + summary
                + "']/.."));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
        }
    }

    /** How many results show NOT verified: a tamper alarm. */
    private static long alarms(RealBrowser browser) {
        return (Long) browser.execute("return [...document.querySelectorAll(\"[data-verify='results'] .not-verified\")]"
                + ".filter(e => !e.hidden && e.textContent.trim() !== '').length");
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

    /** The items of a list of the panel. */
    private static List<String> items(RealBrowser browser, String name) {
        return browser.driver().findElements(By.cssSelector("[data-verify='" + name + "'] li")).stream()
                .map(WebElement::getText).toList();
    }

    /** The result cell of each event, in sequence order. */
    private static List<String> results(RealBrowser browser) {
        return browser.driver().findElements(By.cssSelector("[data-verify='events'] td[data-event]")).stream()
                .map(WebElement::getText).toList();
    }
}
