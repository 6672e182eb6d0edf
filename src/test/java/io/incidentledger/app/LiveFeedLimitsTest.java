package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.LiveStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node's bounds on its live streams: a replay beyond its limit becomes a reload, a stream beyond the maximum is
 * refused as a problem, and a shutdown ends the open ones rather than waiting for them. Each test starts a node of its
 * own with the bound it tests.
 */
class LiveFeedLimitsTest {

    private static final String REPORT = """
            {"title":"Suspicious withdrawal","description":"large outflow","severity":"LOW",
             "category":"FRAUDULENT_TRANSACTION","occurredAt":"2026-01-01T10:00:00Z",
             "detectedAt":"2026-01-01T10:05:00Z"}""";

    private static ConfigurableApplicationContext startNode(String setting) {
        return new SpringApplicationBuilder(IncidentLedgerApplication.class).run(
                "--spring.profiles.active=demo", "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:live-limits-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
                "--incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-" + UUID.randomUUID()
                        + ".checkpoint",
                setting);
    }

    @Test
    void aClientThatMissedMoreThanTheReplayLimitIsToldToReloadAndThenGetsLiveEvents() throws Exception {
        try (ConfigurableApplicationContext node = startNode("--incident-ledger.live.replay-limit=2")) {
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            ApiClient api = new ApiClient(port);
            String lastId;
            try (LiveStream stream = LiveStream.open(port, "responder", "/console/live", null)) {
                assertThat(api.post("responder", "/api/incidents", REPORT).status()).isEqualTo(201);
                lastId = stream.next(Duration.ofSeconds(1)).id();
            }
            // the node's reader has handed the three reports out (so they lie behind where a new stream starts) once
            // a stream that was open meanwhile has them
            try (LiveStream watcher = LiveStream.open(port, "commander", "/console/live", null)) {
                for (int incident = 0; incident < 3; incident++) {
                    assertThat(api.post("responder", "/api/incidents", REPORT).status()).isEqualTo(201);
                }
                for (int incident = 0; incident < 3; incident++) {
                    assertThat(watcher.next(Duration.ofSeconds(5))).as("report %d on the open stream", incident)
                            .isNotNull();
                }
            }

            try (LiveStream stream = LiveStream.open(port, "responder", "/console/live", lastId)) {
                LiveStream.Event reload = stream.next(Duration.ofSeconds(1));
                assertThat(reload.name()).isEqualTo("reload");
                assertThat(stream.next(Duration.ofMillis(300))).as("no replay after the reload").isNull();

                assertThat(api.post("responder", "/api/incidents", REPORT).status()).isEqualTo(201);
                LiveStream.Event live = stream.next(Duration.ofSeconds(1));
                assertThat(live.name()).isEqualTo("incident");
                assertThat(Long.parseLong(live.id())).isGreaterThan(Long.parseLong(reload.id()));
            }
        }
    }

    @Test
    void aStreamBeyondTheMaximumIsRefusedAndAShutdownEndsTheOpenOneWithoutWaitingForIt() throws Exception {
        ConfigurableApplicationContext node = startNode("--incident-ledger.live.max-subscribers=1");
        try {
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            try (LiveStream open = LiveStream.open(port, "responder", "/console/live", null)) {
                ApiClient.Response refused = new ApiClient(port).get("commander", "/console/live");

                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.code()).isEqualTo("live-feed-full");
                assertThat(refused.header("Retry-After")).isEqualTo("3");

                long closing = System.nanoTime();
                node.close();

                assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
                assertThat(open.ended(Duration.ofSeconds(1))).as("the stream ended by the node").isTrue();
            }
        } finally {
            node.close();
        }
    }
}
