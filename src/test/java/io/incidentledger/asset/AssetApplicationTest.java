package io.incidentledger.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.NodeId;
import io.incidentledger.asset.api.RevokeSigningKey;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.query.AssetRegister;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.ledger.verify.ChainVerifier;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.testing.ApiClient;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The asset register against the whole running application on H2: HTTP, security, the aggregates in the JDBC event
 * store (with its uniqueness rule and hash chain), the tracking projection and the queries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:assets;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/assets/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/assets/witness-${random.uuid}.checkpoint"
})
class AssetApplicationTest {

    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);
    private static final String ADDRESS = "0x28c6c06298d514db089934071355e5743bf21d60";
    private static final IncidentId INCIDENT = new IncidentId("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    AssetRegister register;

    @Autowired
    ChainVerifier chainVerifier;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static String key(String name, String address) {
        return """
                {"name":"%s","purpose":"HOT_WALLET","chain":"Ethereum","address":"%s","description":"hot wallet"}"""
                .formatted(name, address);
    }

    private JsonNode awaitAsset(ApiClient api, String path, Predicate<JsonNode> ready) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(VIEW_WAIT).until(() -> {
            ApiClient.Response response = api.get("regulator", path);
            if (response.status() != 200) {
                return false;
            }
            found[0] = response.json();
            return ready.test(found[0]);
        });
        return found[0];
    }

    private void revokeAsService(String name, String stepId) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new RevokeSigningKey(SigningKeyId.of(name), INCIDENT, stepId, "key leaked", "KMS-1"))
                .andMetaData(ActorMetadata.ofService("containment", "SERVICE")));
    }

    @Test
    void aKeyRegisteredOverHttpIsReadBackWithItsHistory() {
        ApiClient api = api();

        ApiClient.Response created = api.post("commander", "/api/assets/signing-keys", key("hot-wallet-1",
                "0x28C6C06298D514DB089934071355E5743BF21D60"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/api/assets/signing-keys/hot-wallet-1");
        JsonNode detail = awaitAsset(api, created.location(), view -> true);
        JsonNode asset = detail.path("asset");
        assertThat(asset.path("type").asString()).isEqualTo("SIGNING_KEY");
        assertThat(asset.path("purpose").asString()).isEqualTo("HOT_WALLET");
        assertThat(asset.path("chain").asString()).isEqualTo("ethereum");
        assertThat(asset.path("address").asString()).isEqualTo(ADDRESS);
        assertThat(asset.path("state").asString()).isEqualTo("ACTIVE");
        assertThat(asset.path("registeredBy").asString()).isEqualTo("commander");
        assertThat(detail.path("history")).hasSize(1);
        assertThat(detail.path("history").get(0).path("eventType").asString()).isEqualTo("SigningKeyRegistered");
        assertThat(detail.path("history").get(0).path("actor").asString()).isEqualTo("commander");
        assertThat(api.get("responder", "/api/assets?type=SIGNING_KEY").json().path("items").toString())
                .contains("hot-wallet-1");
    }

    @Test
    void registeringTheSameNameTwiceIsA409AndStoresNothing() {
        ApiClient api = api();
        assertThat(api.post("admin", "/api/assets/nodes", "{\"name\":\"val-3\",\"role\":\"VALIDATOR\"}").status())
                .isEqualTo(201);

        ApiClient.Response again = api.post("commander", "/api/assets/nodes", "{\"name\":\"val-3\",\"role\":\"RPC\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.code()).isEqualTo("asset-already-registered");
        JsonNode node = awaitAsset(api, "/api/assets/nodes/val-3", view -> true);
        assertThat(node.path("asset").path("role").asString()).isEqualTo("VALIDATOR");
        assertThat(node.path("history")).hasSize(1);
        assertThat(chainVerifier.verifyAggregate(NodeId.of("val-3").toString())).isEmpty();
    }

    @Test
    void aContractIsReadBackByItsCanonicalChainAndAddress() {
        ApiClient api = api();

        ApiClient.Response created = api.post("commander", "/api/assets/contracts", """
                {"chain":"Ethereum","address":"0xDAC17F958D2EE523A2206206994597C13D831EC7","name":"Vault"}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location())
                .isEqualTo("/api/assets/contracts/ethereum/0xdac17f958d2ee523a2206206994597c13d831ec7");
        JsonNode contract = awaitAsset(api, created.location(), view -> true);
        assertThat(contract.path("asset").path("contractName").asString()).isEqualTo("Vault");
        assertThat(api.get("responder", "/api/assets/contracts/ethereum/0xdead").code()).isEqualTo("asset-not-found");
    }

    @Test
    void aRotationChecksTheSuccessorInTheStoreAndNamesIt() {
        ApiClient api = api();
        api.post("commander", "/api/assets/signing-keys", key("rotating-1", "0xaaaa"));
        api.post("commander", "/api/assets/signing-keys", key("rotating-2", "0xbbbb"));

        ApiClient.Response unknownSuccessor = api.post("commander", "/api/assets/signing-keys/rotating-1/rotation",
                "{\"successor\":\"never-registered\",\"reason\":\"rotation\"}");
        ApiClient.Response rotated = api.post("commander", "/api/assets/signing-keys/rotating-1/rotation",
                "{\"successor\":\"rotating-2\",\"reason\":\"scheduled rotation\"}");
        ApiClient.Response unknownKey = api.post("commander", "/api/assets/signing-keys/ghost/rotation",
                "{\"successor\":\"rotating-2\",\"reason\":\"rotation\"}");

        assertThat(unknownSuccessor.status()).isEqualTo(422);
        assertThat(unknownSuccessor.code()).isEqualTo("successor-not-registered");
        assertThat(rotated.status()).isEqualTo(204);
        assertThat(unknownKey.status()).isEqualTo(404);
        assertThat(unknownKey.code()).isEqualTo("asset-not-found");
        JsonNode detail = awaitAsset(api, "/api/assets/signing-keys/rotating-1",
                view -> view.path("asset").path("state").asString().equals("ROTATED"));
        assertThat(detail.path("asset").path("successor").asString()).isEqualTo("rotating-2");
        assertThat(detail.path("history").get(1).path("reason").asString()).isEqualTo("scheduled rotation");
    }

    @Test
    void aRetriedRevocationFromContainmentIsStoredOnceAndTheKeyIsFoundByAddress() {
        ApiClient api = api();
        api.post("commander", "/api/assets/signing-keys", key("revoked-1", "0xCCCC0001"));

        revokeAsService("revoked-1", "step-1");
        revokeAsService("revoked-1", "step-1");

        assertThatThrownBy(() -> revokeAsService("revoked-1", "step-2"))
                .isInstanceOfSatisfying(CommandRefusedException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo("key-already-revoked"));
        JsonNode detail = awaitAsset(api, "/api/assets/signing-keys/revoked-1",
                view -> view.path("asset").path("state").asString().equals("REVOKED"));
        assertThat(detail.path("history")).hasSize(2);
        JsonNode revocation = detail.path("history").get(1);
        assertThat(revocation.path("incidentId").asString()).isEqualTo(INCIDENT.value());
        assertThat(revocation.path("stepId").asString()).isEqualTo("step-1");
        assertThat(revocation.path("actor").asString()).isEqualTo("containment");
        assertThat(register.find(AssetType.SIGNING_KEY, "revoked-1", null).orElseThrow().state())
                .isEqualTo(AssetState.REVOKED);
        assertThat(register.findByAddress("ethereum", "0xcccc0001"))
                .isEqualTo(List.of(new AffectedAsset(AssetType.SIGNING_KEY, "revoked-1", "ethereum")));
        assertThat(chainVerifier.verifyAggregate(SigningKeyId.of("revoked-1").toString())).isEmpty();
    }
}
