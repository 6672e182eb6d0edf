package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentledger.testing.FlowsApplicationTest;
import io.incidentledger.testing.RealBrowser;
import io.incidentledger.testing.RealBrowsers;
import io.incidentledger.testing.RequiresBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Signing in and out as a person does, in a real browser (headless Chromium) against the whole application with the
 * demo users: by keyboard, through the labelled fields of the sign-in form, with the service's Content-Security-Policy
 * in force and nothing on the pages that it refuses. Screenshots of the pages go to
 * {@code target/screenshots/BrowserSignInTest/}. Shares its context with {@code NoOpenIdProviderTest}.
 */
@RequiresBrowser
@FlowsApplicationTest
class BrowserSignInTest {

    @LocalServerPort
    int port;

    @RegisterExtension
    final RealBrowsers browsers = new RealBrowsers();

    @Test
    void aCommanderSignsInByKeyboardSeesTheirNameAndRolesAndSignsOut() {
        RealBrowser browser = browsers.open(port).go("/account").waitForPath("/login");
        browser.screenshot("sign-in");

        signIn(browser, "commander", "commander");

        browser.waitForPath("/account");
        assertThat(browser.text("name")).isEqualTo("commander");
        assertThat(browser.text("roles")).isEqualTo("COMMANDER");
        browser.screenshot("account");
        browser.button("Sign out").sendKeys(Keys.ENTER);
        browser.waitForPath("/signed-out");
        assertThat(browser.driver().getTitle()).isEqualTo("Incident Ledger: signed out");
        browser.screenshot("signed-out");
        browser.go("/account").waitForPath("/login");
        assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void aWrongPasswordShowsTheErrorAndSignsNobodyIn() {
        RealBrowser browser = browsers.open(port).go("/login");
        assertThat(browser.has("error")).isFalse();

        signIn(browser, "commander", "not-the-password");

        browser.waitForPath("/login?error");
        assertThat(browser.text("error")).isEqualTo("Wrong name or password.");
        browser.screenshot("wrong-password");
        browser.go("/account").waitForPath("/login");
        assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void twoPeopleSignedInAtOnceEachHaveTheirOwnSession() {
        RealBrowser commander = browsers.open(port).go("/login");
        RealBrowser regulator = browsers.open(port).go("/login");
        signIn(commander, "commander", "commander");
        signIn(regulator, "regulator", "regulator");

        // signed in from the form itself, each lands on the console's page for their role
        commander.waitForPath("/console");
        regulator.waitForPath("/console/regulator");
        assertThat(commander.go("/account").text("name")).isEqualTo("commander");
        assertThat(regulator.go("/account").text("name")).isEqualTo("regulator");
        regulator.button("Sign out").click();
        regulator.waitForPath("/signed-out");

        assertThat(commander.go("/account").text("name")).isEqualTo("commander");
        assertThat(regulator.go("/account").path()).isEqualTo("/login");
    }

    /** The policy is in force in the browser: a script put into the page is refused, and the console says so. */
    @Test
    void theBrowserRefusesAnInlineScriptAndTheConsoleReportsIt() {
        RealBrowser browser = browsers.open(port).go("/login");

        browser.execute("""
                const script = document.createElement('script');
                script.textContent = 'window.injected = true';
                document.body.appendChild(script);""");

        assertThat(browser.execute("return window.injected === true")).isEqualTo(false);
        assertThat(browser.contentSecurityPolicyViolations()).singleElement().asString()
                .contains("script-src");
    }

    /** Laid out at the phone's own width (not a desktop's page shrunk), with nothing wider than the screen. */
    @Test
    void theSignInAndAccountPagesFitAPhoneWithoutScrollingSideways() {
        RealBrowser phone = browsers.openPhone(port).go("/account").waitForPath("/login");
        assertThat(phone.layoutWidth()).isEqualTo(RealBrowser.PHONE.width);
        assertThat(phone.scrollsSideways()).isFalse();
        phone.screenshot("sign-in-phone");

        signIn(phone, "responder", "responder");

        phone.waitForPath("/account");
        assertThat(phone.layoutWidth()).isEqualTo(RealBrowser.PHONE.width);
        assertThat(phone.scrollsSideways()).isFalse();
        phone.screenshot("account-phone");
        assertThat(phone.contentSecurityPolicyViolations()).isEmpty();
    }

    /** Types the name, moves to the password with Tab, types it and presses Enter, as a person does. */
    private static void signIn(RealBrowser browser, String name, String password) {
        browser.field("Name").sendKeys(name, Keys.TAB);
        assertThat(browser.focused()).isEqualTo(browser.field("Password"));
        browser.focused().sendKeys(password, Keys.ENTER);
    }
}
