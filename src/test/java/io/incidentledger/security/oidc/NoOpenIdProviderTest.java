package io.incidentledger.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.RawHttp;
import io.incidentledger.testing.RawHttp.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The service as it runs by default, without an OpenID provider: no decoder for anybody's tokens (not even the one
 * the authorization server on the test class path would configure), a bearer value that is not an API token is
 * refused, and the signed-in page works for the configured users. Shares its context with {@code H2ApplicationTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:flows;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-${random.uuid}.checkpoint"
})
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

    @Test
    void aBearerValueThatIsNotAnApiTokenIsA401Problem() {
        Reply reply = new RawHttp(port).send(null, "GET /api/incidents HTTP/1.1",
                "Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJtZSJ9.");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
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
