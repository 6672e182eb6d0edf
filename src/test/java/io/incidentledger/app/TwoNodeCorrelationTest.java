package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import io.incidentledger.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes on one PostgreSQL database receive the same alert storm at the same time: it must end up
 * in one incident, each alert counted once, whichever node a delivery reached.
 */
@RequiresPostgres
class TwoNodeCorrelationTest {

    private static TwoNodes nodes;

    @BeforeAll
    static void startTwoNodes() {
        PostgresServer database = PostgresServer.require();
        // every node of one log signs with the same key: the one PostgresApplicationTest uses on this database
        nodes = TwoNodes.start(database.url(), database.user(), database.password(),
                "target/test-ledger/postgres/signing.key",
                "target/test-ledger/two-nodes/witness-" + UUID.randomUUID() + "-");
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    @Test
    void anAlertStormDeliveredToTwoNodesAtOnceIsOneIncident() throws Exception {
        String subject = "0x" + UUID.randomUUID().toString().replace("-", "");
        List<ApiClient> clients = nodes.clients();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApiClient.Response>> deliveries = new ArrayList<>();
            for (int delivery = 0; delivery < 16; delivery++) {
                ApiClient node = clients.get(delivery % 2);
                String body = """
                        {"source":"siem","sourceAlertId":"storm-%d","name":"Bridge drain","severity":"CRITICAL",
                         "category":"SMART_CONTRACT_EXPLOIT","chainId":"1","addresses":["%s"]}"""
                        .formatted(delivery % 8, subject);
                deliveries.add(() -> node.post("detector", "/api/detections", body));
            }
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> response : pool.invokeAll(deliveries)) {
                responses.add(response.get());
            }

            assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.body())
                    .isIn(200, 201));
            assertThat(responses.stream().map(response -> response.json().path("incidentId").asString())
                    .distinct()).hasSize(1);
            assertThat(responses.stream().filter(response -> response.status() == 201)).hasSize(1);
            String incident = responses.get(0).json().path("incidentId").asString();
            JdbcTemplate jdbc = nodes.node(0).getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type LIKE '%DetectionAttached'", Long.class, incident)).isEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
    }
}
