package io.incidentledger.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.testing.Browser;
import io.incidentledger.testing.OpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Single sign-on against a real OpenID provider running in the test ({@link OpenIdProvider}, Spring Authorization
 * Server): its access tokens as bearer tokens on the API, every way a token can be wrong, a key rotation, and a person
 * signing in and out in the browser with the authorization code flow and PKCE. Runs the whole service on H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:oidc;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/oidc/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/oidc/witness-${random.uuid}.checkpoint",
        "incident-ledger.security.oidc.audience=" + OpenIdProvider.AUDIENCE,
        "incident-ledger.security.oidc.role-mapping[0].value=ledger-commander",
        "incident-ledger.security.oidc.role-mapping[0].role=COMMANDER",
        "incident-ledger.security.oidc.client-id=" + OpenIdProvider.BROWSER_CLIENT,
        "incident-ledger.security.oidc.client-secret=" + OpenIdProvider.BROWSER_SECRET
})
class OpenIdConnectTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COMMANDER_MACHINE = "commander-machine";
    private static final String ROLELESS_MACHINE = "roleless-machine";
    private static final String REPORT = "{\"title\":\"Signer keys seen on a paste site\",\"severity\":\"HIGH\","
            + "\"category\":\"KEY_COMPROMISE\"}";
    private static final OpenIdProvider PROVIDER = OpenIdProvider.start(Map.of(
            COMMANDER_MACHINE, List.of("ledger-commander", "unmapped-role"),
            ROLELESS_MACHINE, List.of()));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient api = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry properties) {
        properties.add("incident-ledger.security.oidc.issuer-uri", PROVIDER::issuer);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @BeforeEach
    void allowTheBrowserClientToComeBackHere() {
        PROVIDER.allowBrowserClient(base());
    }

    // --- bearer tokens on the API ---

    @Test
    void anEventCausedWithAProviderTokenNamesTheIssuerTheSubjectAndTheDisplayNameAndNothingElseOfTheToken() {
        String token = PROVIDER.accessToken(COMMANDER_MACHINE);

        HttpResponse<String> reported = send(token, post("/api/incidents", REPORT));

        assertThat(reported.statusCode()).isEqualTo(201);
        String incident = JSON.readTree(reported.body()).get("incidentId").asString();
        JsonNode metaData = JSON.readTree(jdbc.queryForObject("select meta_data from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", byte[].class, incident));
        assertThat(metaData.get(ActorMetadata.ACTOR).asString()).isEqualTo(COMMANDER_MACHINE + " (machine)");
        assertThat(metaData.get(ActorMetadata.ACTOR_ISSUER).asString()).isEqualTo(PROVIDER.issuer());
        assertThat(metaData.get(ActorMetadata.ACTOR_SUBJECT).asString()).isEqualTo(COMMANDER_MACHINE);
        assertThat(metaData.get(ActorMetadata.ACTOR_TYPE).asString()).isEqualTo("USER");
        assertThat(metaData.get(ActorMetadata.ACTOR_ROLES).asString()).isEqualTo("COMMANDER");
        assertThat(metaData.toString()).doesNotContain(token).doesNotContain(token.split("\\.")[2])
                .doesNotContain("realm_access").doesNotContain("unmapped-role");
        HttpResponse<String> events = send(token, get("/api/incidents/" + incident + "/events"));
        assertThat(events.statusCode()).isEqualTo(200);
        JsonNode first = JSON.readTree(events.body()).get(0);
        assertThat(first.get("actor").asString()).isEqualTo(COMMANDER_MACHINE + " (machine)");
        assertThat(first.get("actorIssuer").asString()).isEqualTo(PROVIDER.issuer());
        assertThat(first.get("actorSubject").asString()).isEqualTo(COMMANDER_MACHINE);
        assertThat(first.get("actorToken").isNull()).isTrue();
    }

    @Test
    void aTokenForgedWithTheProvidersOwnKeyAndRightClaimsIsAccepted() {
        assertThat(send(forged(UnaryOperator.identity(), PROVIDER.signingKey()), get("/api/incidents"))
                .statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "a token with {0} is a 401 problem")
    @ValueSource(strings = {"another issuer", "another audience", "no audience", "expired", "not yet valid",
            "a bad signature", "an unknown key id"})
    void aTokenThatIsWrongInAnyWayIsRefusedAsUnauthenticated(String wrong) throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        RSAKey providerKey = PROVIDER.signingKey();
        Instant now = Instant.now();
        String token = switch (wrong) {
            case "another issuer" -> forged(claims -> claims.issuer("http://127.0.0.1:1/realms/other"), providerKey);
            case "another audience" -> forged(claims -> claims.audience("another-application"), providerKey);
            case "no audience" -> forged(claims -> claims.audience(List.of()), providerKey);
            case "expired" -> forged(claims -> claims.issueTime(Date.from(now.minusSeconds(900)))
                    .notBeforeTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(300))),
                    providerKey);
            case "not yet valid" -> forged(claims -> claims.notBeforeTime(Date.from(now.plusSeconds(300))),
                    providerKey);
            // the provider's key id, another key's signature
            case "a bad signature" -> forged(UnaryOperator.identity(),
                    new RSAKey.Builder(stranger).keyID(providerKey.getKeyID()).build());
            case "an unknown key id" -> forged(UnaryOperator.identity(), stranger);
            default -> throw new IllegalArgumentException(wrong);
        };

        HttpResponse<String> refused = send(token, get("/api/incidents"));

        assertProblem(refused, 401, "unauthenticated");
    }

    @Test
    void aTokenWhoseRolesMapToNoneOfOursIsSignedInButMayDoNothing() {
        HttpResponse<String> refused = send(PROVIDER.accessToken(ROLELESS_MACHINE), get("/api/incidents"));

        assertProblem(refused, 403, "forbidden");
    }

    @Test
    void afterTheProviderRotatesItsKeyNewAndOldTokensBothWorkWithoutARestart() {
        String before = PROVIDER.accessToken(COMMANDER_MACHINE);
        assertThat(send(before, get("/api/incidents")).statusCode()).isEqualTo(200);

        RSAKey rotated = PROVIDER.rotateKey();
        String after = PROVIDER.accessToken(COMMANDER_MACHINE);

        assertThat(keyId(after)).isEqualTo(rotated.getKeyID()).isNotEqualTo(keyId(before));
        assertThat(send(after, get("/api/incidents")).statusCode()).isEqualTo(200);
        assertThat(send(before, get("/api/incidents")).statusCode()).isEqualTo(200);
    }

    @Test
    void aBearerCallCreatesNoSession() {
        HttpResponse<String> answered = send(PROVIDER.accessToken(COMMANDER_MACHINE), get("/api/incidents"));

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aBasicCallCreatesNoSession() {
        String basic = Base64.getEncoder().encodeToString("commander:commander".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answered = Browser.exchange(api, get("/api/incidents").header("Authorization", "Basic " + basic)
                .build());

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.headers().allValues("Set-Cookie")).isEmpty();
    }

    // --- the browser ---

    @Test
    void anApiCallWithoutCredentialsIsA401ProblemEvenFromABrowser() {
        HttpResponse<String> refused = send(null, get("/api/incidents").header("Accept", "text/html"));

        assertProblem(refused, 401, "unauthenticated");
        assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aPersonSignsInWithTheCodeFlowAndPkceSeesTheirRolesAndSignsOut() {
        Browser browser = new Browser(port);

        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(302);
        assertThat(location(account)).isEqualTo(base() + "/oauth2/authorization/oidc");
        HttpResponse<String> toProvider = browser.get(location(account));
        assertThat(location(toProvider)).startsWith(PROVIDER.issuer() + "/oauth2/authorize")
                .contains("code_challenge=").contains("code_challenge_method=S256");
        HttpResponse<String> loginForm = browser.follow(browser.get(location(toProvider)));
        assertThat(loginForm.statusCode()).isEqualTo(200);

        HttpResponse<String> signedIn = browser.follow(browser.post(PROVIDER.issuer() + "/login",
                Browser.formFields(loginForm.body(), Map.of("username", "casey", "password", "casey"))));

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.uri().toString()).startsWith(base() + "/account");
        assertThat(signedIn.body()).contains("Casey Commander").contains("COMMANDER")
                .contains(PROVIDER.issuer()).contains("casey");

        assertThat(signedIn.body()).contains("action=\"/logout\"");
        HttpResponse<String> toProviderLogout = browser.post("/logout", Browser.formFields(signedIn.body(), Map.of()));
        assertThat(location(toProviderLogout)).startsWith(PROVIDER.issuer() + "/connect/logout?")
                .contains("id_token_hint=").contains("post_logout_redirect_uri=");
        HttpResponse<String> signedOut = browser.follow(toProviderLogout);

        assertThat(signedOut.uri().toString()).isEqualTo(base() + "/signed-out");
        assertThat(signedOut.body()).contains("Signed out");
        HttpResponse<String> again = browser.get("/account");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(location(again)).isEqualTo(base() + "/oauth2/authorization/oidc");
    }

    @Test
    void thePasswordSignInFormSendsABrowserToTheProviderInstead() {
        HttpResponse<String> form = new Browser(port).get("/login");

        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(location(form)).endsWith("/oauth2/authorization/oidc");
    }

    @Test
    void aPersonTheProviderGivesNoMappedRoleSignsInWithNoRole() {
        Browser browser = new Browser(port);
        HttpResponse<String> loginForm = browser.follow(browser.get("/account"));

        HttpResponse<String> signedIn = browser.follow(browser.post(PROVIDER.issuer() + "/login",
                Browser.formFields(loginForm.body(), Map.of("username", "nobody", "password", "nobody"))));

        assertThat(signedIn.uri().toString()).startsWith(base() + "/account");
        assertThat(signedIn.body()).contains("No Role").contains("none: ask your administrator for a role");
    }

    @Test
    void theProtectedResourceMetadataNamesTheProvider() {
        HttpResponse<String> metadata = send(null, get("/.well-known/oauth-protected-resource"));

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(metadata.body()).get("authorization_servers").get(0).asString())
                .isEqualTo(PROVIDER.issuer());
    }

    // --- helpers ---

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(String bearer, HttpRequest.Builder request) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Browser.exchange(api, request.build());
    }

    /** A token with the claims the provider would issue, changed by {@code change}, signed with {@code key}. */
    private static String forged(UnaryOperator<JWTClaimsSet.Builder> change, RSAKey key) {
        Instant now = Instant.now();
        JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder()
                .issuer(PROVIDER.issuer())
                .subject(COMMANDER_MACHINE)
                .audience(OpenIdProvider.AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("realm_access", Map.of("roles", List.of("ledger-commander")))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keyId(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0])).get("kid").asString();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }
}
