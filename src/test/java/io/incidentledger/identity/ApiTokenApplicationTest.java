package io.incidentledger.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.incidentledger.identity.api.ApiTokenId;
import io.incidentledger.identity.api.CreateApiToken;
import io.incidentledger.identity.api.TokenRole;
import io.incidentledger.identity.authentication.ApiTokenChecker;
import io.incidentledger.identity.authentication.ApiTokenHashKey;
import io.incidentledger.identity.query.ApiTokenCatchUp;
import io.incidentledger.identity.query.ApiTokenViews;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.testing.ApiClient;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** API tokens on the embedded database: created, used as a bearer, listed, revoked, expired and recorded. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:api-tokens;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/api-tokens/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/api-tokens/witness-${random.uuid}.checkpoint",
        "incident-ledger.api-tokens.hash-key-file=target/test-ledger/api-tokens/hash.key"
})
@ExtendWith(OutputCaptureExtension.class)
class ApiTokenApplicationTest {

    private static final String TOKENS = "/api/admin/api-tokens";
    private static final String TRANSACTION = """
            [{"chain": "ethereum", "hash": "0xt0k3n", "block": 1, "from": "0x1111111111111111111111111111111111111111",
              "status": "SUCCESS"}]""";
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @Value("${incident-ledger.api-tokens.hash-key-file}")
    Path hashKeyFile;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    ApiTokenCatchUp catchUp;

    @Autowired
    ApiTokenViews views;

    @Autowired
    ApiTokenHashKey hashKey;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private ApiClient.Response create(String body) {
        return api.post("admin", TOKENS, body);
    }

    private JsonNode createDetector(String name) {
        ApiClient.Response created = create("{\"name\": \"" + name + "\", \"role\": \"DETECTOR\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    @Test
    void aTokenIsShownOnceAndWorksAsABearerForItsRoleOnly() {
        ApiClient.Response created = create("{\"name\": \"forta-scan-node\", \"role\": \"DETECTOR\"}");

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String token = created.json().path("token").asString();
        assertThat(created.location()).isEqualTo(TOKENS + "/" + id);
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(token).matches("ilt_" + id + "_[A-Za-z0-9_-]{43}");
        assertThat(created.json().path("role").asString()).isEqualTo("DETECTOR");

        assertThat(api.withBearer(token, "POST", "/api/transactions", TRANSACTION).status()).isEqualTo(200);
        // a Forta scan node's webhook batch (here one with metrics only)
        assertThat(api.withBearer(token, "POST", "/api/detections/forta/batch", "{\"alerts\": null}").status())
                .isEqualTo(200);
        ApiClient.Response forbidden = api.withBearer(token, "GET", "/api/incidents", null);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(api.withBearer(token, "GET", TOKENS, null).status()).isEqualTo(403);

        ApiClient.Response listed = api.get("admin", TOKENS);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(id).doesNotContain(token).doesNotContain(secret(token))
                .doesNotContain(storedHash(id));
        ApiClient.Response one = api.get("admin", TOKENS + "/" + id);
        assertThat(one.json().path("state").asString()).isEqualTo("ACTIVE");
        assertThat(one.json().path("createdBy").asString()).isEqualTo("admin");
        assertThat(one.json().has("token")).isFalse();
        assertThat(one.body()).doesNotContain(secret(token));
    }

    @Test
    void eventsCausedWithATokenNameItsHolderAndTheTokenNeverItsSecret() {
        JsonNode created = createDetector("oz-monitor");
        String token = created.path("token").asString();

        ApiClient.Response reported = api.withBearer(token, "POST", "/api/incidents", """
                {"title": "Large USDC transfer", "severity": "HIGH", "category": "FRAUDULENT_TRANSACTION"}""");

        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String incidentId = reported.json().path("incidentId").asString();
        String metaData = new String(jdbc.queryForObject("SELECT meta_data FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", byte[].class, incidentId),
                StandardCharsets.UTF_8);
        assertThat(metaData).contains("\"" + ActorMetadata.ACTOR + "\":\"oz-monitor\"")
                .contains("\"" + ActorMetadata.ACTOR_TOKEN + "\":\"" + created.path("id").asString() + "\"")
                .contains("SERVICE").doesNotContain(secret(token));
        JsonNode first = api.get("admin", "/api/incidents/" + incidentId + "/events").json().get(0);
        assertThat(first.path("actorToken").asString()).isEqualTo(created.path("id").asString());
        assertThat(first.path("actorIssuer").isNull()).isTrue();
    }

    @Test
    void aRevokedTokenIsRefusedWithinASecondAndRevokingAgainIsAConflict() {
        JsonNode created = createDetector("revoked-soon");
        String id = created.path("id").asString();
        String token = created.path("token").asString();
        assertThat(api.withBearer(token, "POST", "/api/transactions", TRANSACTION).status()).isEqualTo(200);

        ApiClient.Response revoked = api.post("admin", TOKENS + "/" + id + "/revocation",
                "{\"reason\": \"node rebuilt\"}");

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("state").asString()).isEqualTo("REVOKED");
        assertThat(revoked.json().path("revokedBy").asString()).isEqualTo("admin");
        assertThat(revoked.json().path("revocationReason").asString()).isEqualTo("node rebuilt");
        await().atMost(ONE_SECOND).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
                api.withBearer(token, "POST", "/api/transactions", TRANSACTION).status()).isEqualTo(401));
        ApiClient.Response again = api.post("admin", TOKENS + "/" + id + "/revocation", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("api-token-already-revoked");
        assertThat(api.post("admin", TOKENS + "/0123456789abcdef/revocation", null).code())
                .isEqualTo("api-token-not-found");
        assertThat(api.get("admin", TOKENS + "/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void anExpiredTokenIsRefusedAndListedAsExpired() {
        Instant expiresAt = Instant.now().plusSeconds(2);
        ApiClient.Response created = create("{\"name\": \"short-lived\", \"role\": \"DETECTOR\", \"expiresAt\": \""
                + expiresAt + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().path("token").asString();
        String id = created.json().path("id").asString();
        assertThat(api.withBearer(token, "POST", "/api/transactions", TRANSACTION).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                api.withBearer(token, "POST", "/api/transactions", TRANSACTION).status()).isEqualTo(401));

        assertThat(api.get("admin", TOKENS + "/" + id).json().path("state").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void aWrongSecretAnUnknownIdAndAMalformedTokenAreUnauthenticated() {
        String token = createDetector("guessed").path("token").asString();
        String id = token.substring(4, 20);
        String wrongSecret = "ilt_" + id + "_" + "A".repeat(43);
        String unknownId = "ilt_0000000000000000_" + secret(token);

        for (String bearer : List.of(wrongSecret, unknownId, "ilt_", "ilt_" + id, token + "x", token.toUpperCase())) {
            ApiClient.Response refused = api.withBearer(bearer, "POST", "/api/transactions", TRANSACTION);
            assertThat(refused.status()).as(bearer).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain(secret(token));
        }
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        int before = api.get("admin", TOKENS).json().size();
        Map<String, String> bodies = Map.of(
                "{\"role\": \"DETECTOR\"}", "422 validation-failed",
                "{\"name\": \"x\"}", "422 validation-failed",
                "{\"name\": \"x\", \"role\": \"SYSTEM\"}", "422 invalid-value",
                "{\"name\": \"x\", \"role\": \"DETECTOR\", \"secret\": \"mine\"}", "422 invalid-value",
                "{\"name\": \"x\", \"role\": \"DETECTOR\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}",
                "422 expiry-not-in-future",
                "{\"name\": \"" + "n".repeat(101) + "\", \"role\": \"DETECTOR\"}", "422 validation-failed",
                "{\"name\": ", "400 malformed-request");
        bodies.forEach((body, answer) -> {
            ApiClient.Response refused = create(body);
            assertThat(refused.status() + " " + refused.code()).as(body).isEqualTo(answer);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        });
        ApiClient.Response keyed = api.post("admin", TOKENS, "{\"name\": \"x\", \"role\": \"DETECTOR\"}", "k1");
        assertThat(keyed.status()).isEqualTo(422);
        assertThat(keyed.code()).isEqualTo("idempotency-key-not-taken");
        assertThat(api.post("responder", TOKENS, "{\"name\": \"x\", \"role\": \"DETECTOR\"}").status())
                .isEqualTo(403);

        assertThat(api.get("admin", TOKENS).json().size()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotent_request", Integer.class)).isZero();
    }

    @Test
    void theLedgerVerifiesWithTokenEventsAndNoSecretIsStored() {
        JsonNode created = createDetector("ledger-check");
        String token = created.path("token").asString();
        api.post("admin", TOKENS + "/" + created.path("id").asString() + "/revocation", null);

        List<Map<String, Object>> events = jdbc.queryForList("SELECT payload_type, payload, meta_data "
                + "FROM domain_event_entry WHERE aggregate_identifier = ?", new ApiTokenId(created.path("id")
                .asString()).toString());
        assertThat(events).extracting(row -> row.get("PAYLOAD_TYPE")).containsExactly(
                "io.incidentledger.identity.api.ApiTokenCreated", "io.incidentledger.identity.api.ApiTokenRevoked");
        for (byte[] stored : jdbc.queryForList("SELECT payload FROM domain_event_entry", byte[].class)) {
            assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain(secret(token));
        }
        for (byte[] stored : jdbc.queryForList("SELECT meta_data FROM domain_event_entry", byte[].class)) {
            assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain(secret(token));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode report = api.get("admin", "/api/ledger/verification").json();
            assertThat(report.path("findings")).isEmpty();
            assertThat(report.path("intact").asBoolean()).isTrue();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_leaf WHERE aggregate_identifier = ?",
                    Integer.class, "api-token:" + created.path("id").asString())).isEqualTo(2);
        });
    }

    @Test
    void theViewIsWrittenInTheCommandsOwnTransaction() {
        ApiTokenId tokenId = new ApiTokenId("00000000000000aa");
        CreateApiToken command = new CreateApiToken(tokenId, "rolled-back", TokenRole.DETECTOR, null, "0".repeat(64),
                "0".repeat(16), Instant.now());

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(ActorMetadata.ofService("test", "ADMIN")));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE token_id = ?", Integer.class,
                    tokenId.value())).as("written before the command's transaction ends").isOne();
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE token_id = ?", Integer.class,
                tokenId.value())).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, tokenId.toString())).isZero();
    }

    @Test
    void aRowBehindItsEventsIsRebuiltFromThem() {
        JsonNode created = createDetector("rebuilt");
        String id = created.path("id").asString();
        api.post("admin", TOKENS + "/" + id + "/revocation", "{\"reason\": \"lost laptop\"}");
        jdbc.update("DELETE FROM api_token WHERE token_id = ?", id);

        assertThat(catchUp.run()).isEqualTo(1);

        JsonNode rebuilt = api.get("admin", TOKENS + "/" + id).json();
        assertThat(rebuilt.path("state").asString()).isEqualTo("REVOKED");
        assertThat(rebuilt.path("revocationReason").asString()).isEqualTo("lost laptop");
        assertThat(rebuilt.path("createdBy").asString()).isEqualTo("admin");
        assertThat(catchUp.run()).isZero();
    }

    @Test
    void aTokenHashedUnderAnotherKeyIsRefusedAndSaidSoOnce(CapturedOutput output) {
        JsonNode created = createDetector("other-key");
        String id = created.path("id").asString();
        String token = created.path("token").asString();
        jdbc.update("UPDATE api_token SET hash_key_id = '00000000000000ff' WHERE token_id = ?", id);
        jdbc.update("UPDATE api_token_changes SET version = version + 1 WHERE id = 1");

        await().atMost(ONE_SECOND).untilAsserted(() -> assertThat(
                api.withBearer(token, "POST", "/api/transactions", TRANSACTION).status()).isEqualTo(401));
        api.withBearer(token, "POST", "/api/transactions", TRANSACTION);

        String log = output.getAll();
        assertThat(log.split("API token " + id + " \\(other-key\\) was hashed under hash key 00000000000000ff",
                -1)).hasSize(2);
        assertThat(log).doesNotContain(secret(token));
    }

    @Test
    void aCopyOfTheTokensNotReadForLongerThanMaxStalenessRefusesEveryToken() throws Exception {
        String token = createDetector("stale").path("token").asString();
        ApiTokenChecker checker = new ApiTokenChecker(views, hashKey, Clock.systemUTC(), Duration.ofMillis(200));
        assertThatThrownBy(() -> checker.authenticate(token)).as("never read")
                .isInstanceOf(BadCredentialsException.class);

        checker.refresh();
        assertThat(checker.authenticate(token).getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_DETECTOR");
        Thread.sleep(300);

        assertThatThrownBy(() -> checker.authenticate(token)).isInstanceOf(BadCredentialsException.class)
                .hasMessageContaining("could not be read");
        checker.refresh();
        assertThat(checker.authenticate(token).getName()).startsWith("api-token:");
    }

    @Test
    void theHashKeyFileIsTheOwnersOnly() throws Exception {
        assertThat(Files.readString(hashKeyFile).strip()).hasSize(44);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hashKeyFile))).isEqualTo("rw-------");
    }

    private String storedHash(String id) {
        return jdbc.queryForObject("SELECT secret_hash FROM api_token WHERE token_id = ?", String.class, id);
    }

    private static String secret(String token) {
        return token.substring(token.length() - 43);
    }
}
