package io.incidentledger.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import io.incidentledger.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Two nodes on one PostgreSQL database: a token created on one works on the other, and a revocation reaches it. */
@RequiresPostgres
class TwoNodeApiTokenTest {

    private static final String TRANSACTION = """
            [{"chain": "ethereum", "hash": "0x2n0d3", "block": 1, "from": "0x2222222222222222222222222222222222222222",
              "status": "SUCCESS"}]""";

    private static TwoNodes nodes;

    @BeforeAll
    static void startTwoNodes() {
        PostgresServer database = PostgresServer.require();
        String run = UUID.randomUUID().toString();
        nodes = TwoNodes.start(database.url(), database.user(), database.password(),
                "target/test-ledger/postgres/signing.key", "target/test-ledger/two-nodes/witness-" + run + "-",
                // one deployment, one hash key: every node reads the same file
                "--incident-ledger.api-tokens.hash-key-file=target/test-ledger/two-nodes/api-token-hash-" + run
                        + ".key");
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    @Test
    void aTokenCreatedOnOneNodeWorksOnTheOtherAndItsRevocationIsRefusedThereWithinASecond() {
        ApiClient a = nodes.clients().get(0);
        ApiClient b = nodes.clients().get(1);
        JsonNode created = a.post("admin", "/api/admin/api-tokens", """
                {"name": "forta-scan-node", "role": "DETECTOR"}""").json();
        String token = created.path("token").asString();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> assertThat(
                b.withBearer(token, "POST", "/api/transactions", TRANSACTION).status()).isEqualTo(200));
        assertThat(b.get("admin", "/api/admin/api-tokens/" + created.path("id").asString()).status())
                .isEqualTo(200);

        assertThat(a.post("admin", "/api/admin/api-tokens/" + created.path("id").asString() + "/revocation", null)
                .status()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> assertThat(
                b.withBearer(token, "POST", "/api/transactions", TRANSACTION).status()).isEqualTo(401));
        Duration refusedAfter = Duration.ofNanos(System.nanoTime() - revokedAt);

        assertThat(refusedAfter).isLessThan(Duration.ofSeconds(1));
        assertThat(a.withBearer(token, "POST", "/api/transactions", TRANSACTION).status()).isEqualTo(401);
    }
}
