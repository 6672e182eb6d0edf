package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes on one PostgreSQL database receive the same alert storm at the same time: it must end up
 * in one incident, each alert counted once, whichever node a delivery reached.
 */
@RequiresPostgres
class TwoNodeCorrelationTest {

    private static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() {
        PostgresServer database = PostgresServer.require();
        for (String node : List.of("a", "b")) {
            // as arguments, which outrank the postgres profile's own settings
            NODES.add(new SpringApplicationBuilder(IncidentLedgerApplication.class).run(
                    "--spring.profiles.active=postgres,demo", "--server.port=0", "--server.address=127.0.0.1",
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + database.user(),
                    "--spring.datasource.password=" + database.password(),
                    // every node of one log signs with the same key: the one PostgresApplicationTest uses on this database
                    "--incident-ledger.ledger.signing-key-file=target/test-ledger/postgres/signing.key",
                    "--incident-ledger.ledger.witness-file=target/test-ledger/two-nodes/witness-" + node + "-"
                            + UUID.randomUUID() + ".checkpoint"));
        }
    }

    @AfterAll
    static void stopNodes() {
        NODES.forEach(ConfigurableApplicationContext::close);
        NODES.clear();
    }

    @Test
    void anAlertStormDeliveredToTwoNodesAtOnceIsOneIncident() throws Exception {
        String subject = "0x" + UUID.randomUUID().toString().replace("-", "");
        List<ApiClient> nodes = NODES.stream().map(TwoNodeCorrelationTest::client).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApiClient.Response>> deliveries = new ArrayList<>();
            for (int delivery = 0; delivery < 16; delivery++) {
                ApiClient node = nodes.get(delivery % 2);
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
            JdbcTemplate jdbc = NODES.get(0).getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type LIKE '%DetectionAttached'", Long.class, incident)).isEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ApiClient client(ConfigurableApplicationContext node) {
        return new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort());
    }
}
