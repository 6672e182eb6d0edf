package io.incidentledger.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.Browser;
import io.incidentledger.testing.FlowsApplicationTest;
import io.incidentledger.testing.RawHttp;
import io.incidentledger.testing.RawHttp.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The service as it runs by default, without an OpenID provider: no decoder for anybody's tokens (not even the one
 * the authorization server on the test class path would configure), a bearer value that is not an API token is
 * refused, and a configured user signs in with the form and sees the signed-in page. Shares its context with
 * {@code H2ApplicationTest}.
 */
@FlowsApplicationTest
class NoOpenIdProviderTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void nothingOfSingleSignOnIsConfigured() {
        assertThat(context.getBeanNamesForType(JwtDecoder.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ClientRegistrationRepository.class)).isEmpty();
        assertThat(context.getBeanNamesForType(AuthorizationServerSettings.class)).isEmpty();
    }

    /** RFC 9728's metadata is the one document served to anybody: it says how to send a token, and nothing else. */
    @Test
    void theProtectedResourceMetadataNamesNoProviderAndNoCertificateBinding() {
        Reply reply = new RawHttp(port).send(null, "GET /.well-known/oauth-protected-resource HTTP/1.1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("\"bearer_methods_supported\":[\"header\"]")
                .contains("\"tls_client_certificate_bound_access_tokens\":false")
                .doesNotContain("authorization_servers");
    }

    @Test
    void aBearerValueThatIsNotAnApiTokenIsA401Problem() {
        Reply reply = new RawHttp(port).send(null, "GET /api/incidents HTTP/1.1",
                "Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJtZSJ9.");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBrowserSignsInWithTheFormAndOut() {
        Browser browser = new Browser(port);
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(302);
        assertThat(account.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> form = browser.get("/login");
        assertThat(form.statusCode()).isEqualTo(200);

        HttpResponse<String> signedIn = browser.post("/login", Browser.formFields(form.body(),
                Map.of("username", "commander", "password", "commander")));

        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.get("/account");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("commander").contains("COMMANDER");
        HttpResponse<String> signedOut = browser.post("/logout", Browser.formFields(page.body(), Map.of()));
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/signed-out");
        assertThat(browser.get("/account").statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordInTheFormSignsNobodyIn() {
        Browser browser = new Browser(port);
        HttpResponse<String> form = browser.get("/login");

        HttpResponse<String> refused = browser.post("/login", Browser.formFields(form.body(),
                Map.of("username", "commander", "password", "not-the-password")));

        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(browser.get("/account").statusCode()).isEqualTo(302);
    }

    @Test
    void anApiCallWithoutCredentialsIsA401ProblemEvenFromABrowser() {
        HttpResponse<String> refused = new Browser(port).get("/api/incidents");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void aConfiguredUserSeesTheirNameAndRolesOnTheSignedInPage() {
        ApiClient.Response page = new ApiClient(port).get("commander", "/account");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("commander").contains("COMMANDER").contains("action=\"/logout\"")
                .doesNotContain("Signed in through");
    }
}
