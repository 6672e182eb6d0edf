package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.LiveStream;
import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import io.incidentledger.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Each node's live feed tells its clients about the events written on the other node, each within a second. */
@RequiresPostgres
class TwoNodeLiveFeedTest {

    private static final String REPORT = """
            {"title":"Validator key exposed","description":"found in a public repository","severity":"LOW",
             "category":"KEY_COMPROMISE","occurredAt":"2026-01-01T10:00:00Z","detectedAt":"2026-01-01T10:05:00Z"}""";

    private static final int REPORTS = 10;

    private static TwoNodes nodes;

    @BeforeAll
    static void startTwoNodes() {
        PostgresServer database = PostgresServer.require();
        nodes = TwoNodes.start(database.url(), database.user(), database.password(),
                "target/test-ledger/postgres/signing.key",
                "target/test-ledger/two-nodes/witness-" + UUID.randomUUID() + "-");
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    @Test
    void incidentsReportedOnOneNodeArriveOnAStreamOfTheOtherWithinASecond() throws Exception {
        int nodeB = ((WebServerApplicationContext) nodes.node(1)).getWebServer().getPort();
        ApiClient nodeA = nodes.clients().get(0);
        try (LiveStream stream = LiveStream.open(nodeB, "commander", "/console/live", null)) {
            for (int report = 0; report < REPORTS; report++) {
                ApiClient.Response reported = nodeA.post("responder", "/api/incidents", REPORT);
                // the event is committed before the report is answered
                long committed = System.nanoTime();
                assertThat(reported.status()).as(reported.body()).isEqualTo(201);
                String incident = reported.location().substring("/api/incidents/".length());

                LiveStream.Event event = stream.next(arrived -> "incident".equals(arrived.name())
                        && incident.equals(arrived.json().path("incidentId").asString()), Duration.ofSeconds(1));

                assertThat(event).as("report %d on node b's stream", report).isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThan(Duration.ofSeconds(1));
                assertThat(event.json().path("type").asString()).isEqualTo("IncidentReported");
            }
        }
    }
}
