package io.incidentledger.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentledger.testing.RawHttp;
import io.incidentledger.testing.RawHttp.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An OpenID provider that cannot be reached (nothing listens on its port): a bearer token, which the service cannot
 * check without the provider's keys, is answered 503 with {@code Retry-After}, not a 401 that would blame the caller
 * nor a 500; Basic sign-in goes on working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:unreachable-provider;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/unreachable-provider/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/unreachable-provider/witness-${random.uuid}.checkpoint",
        "incident-ledger.security.oidc.issuer-uri=http://127.0.0.1:9/realms/gone",
        "incident-ledger.security.oidc.audience=incident-ledger"
})
class UnreachableOpenIdProviderTest {

    /** A well-formed JWT (header, claims, signature); its content does not matter, for it cannot be checked. */
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJtZSJ9.c2lnbmF0dXJl";

    @LocalServerPort
    int port;

    @Test
    void aTokenThatCannotBeCheckedIsA503ProblemWithRetryAfter() {
        Reply reply = new RawHttp(port).send(null, "GET /api/incidents HTTP/1.1", "Authorization: Bearer " + TOKEN);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).contains("\"code\":\"temporarily-unavailable\"");
        assertThat(reply.headers()).containsKey("retry-after");
    }

    @Test
    void basicSignInDoesNotNeedTheProvider() {
        Reply reply = new RawHttp(port).send(null, "GET /api/incidents HTTP/1.1",
                "Authorization: Basic cmVndWxhdG9yOnJlZ3VsYXRvcg==");

        assertThat(reply.status()).isEqualTo(200);
    }
}
