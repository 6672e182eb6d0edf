package io.incidentledger.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import io.incidentledger.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes on one PostgreSQL database sharing the key directory: a rotation asked of one node makes the other, which
 * loaded its keys before the rotation, sign with the new key too, and both verify the whole log intact. A database of
 * its own: a rotation in the shared test database would change the key of every later test.
 */
@RequiresPostgres
class TwoNodeKeyRotationTest {

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String DATABASE = "key_rotation_" + RUN;

    private static PostgresServer server;
    private static TwoNodes nodes;

    @BeforeAll
    static void startTwoNodesOnADatabaseOfTheirOwn() {
        server = PostgresServer.require();
        PostgresServer database = server.createDatabase(DATABASE);
        String directory = "target/test-ledger/two-node-rotation-" + RUN + "/";
        nodes = TwoNodes.start(database.url(), database.user(), database.password(), directory + "signing.key",
                directory + "witness-");
    }

    @AfterAll
    static void stopNodesAndDropTheDatabase() {
        if (nodes != null) {
            nodes.close();
        }
        if (server != null) {
            server.dropDatabase(DATABASE);
        }
    }

    @Test
    void aRotationOnOneNodeSwitchesTheOtherNodeToTheNewKey() {
        ApiClient a = nodes.clients().get(0);
        ApiClient b = nodes.clients().get(1);
        report(b);
        String oldKey = b.get("regulator", "/api/ledger/public-key").body();

        Response rotated = a.post("admin", "/api/ledger/keys/rotate", "{\"reason\":\"custodian left\"}");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().path("oldVerifierKey").asString()).isEqualTo(oldKey);
        String newKey = rotated.json().path("newVerifierKey").asString();
        long rotationSize = rotated.json().path("treeSize").asLong();
        assertThat(b.get("regulator", "/api/ledger/public-key").body()).isEqualTo(newKey);

        report(b);
        nodes.node(1).getBean(LogAdmitter.class).catchUpAndCheckpoint();
        String checkpoint = b.get("regulator", "/api/ledger/checkpoint").body();
        String text = new NoteVerifier(newKey).verify(checkpoint);
        assertThat(Long.parseLong(text.split("\n")[1])).isGreaterThan(rotationSize);

        for (ApiClient node : nodes.clients()) {
            JsonNode verification = node.get("regulator", "/api/ledger/verification").json();
            assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
            JsonNode keys = node.get("regulator", "/api/ledger/keys").json();
            assertThat(keys.size()).isEqualTo(2);
            assertThat(keys.get(0).path("lastTreeSize").asLong()).isEqualTo(rotationSize);
            assertThat(keys.get(1).path("verifierKey").asString()).isEqualTo(newKey);
        }
    }

    private static void report(ApiClient node) {
        Response reported = node.post("responder", "/api/incidents", """
                {"title":"Suspicious withdrawal","description":"large outflow","severity":"HIGH",
                 "category":"FRAUDULENT_TRANSACTION","occurredAt":"2026-01-01T10:00:00Z",
                 "detectedAt":"2026-01-01T10:05:00Z"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
    }
}
