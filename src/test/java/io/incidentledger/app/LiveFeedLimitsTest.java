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
 * A node's bounds on its live streams: one beyond its maximum is refused as a problem, and a shutdown ends the open
 * ones rather than waiting for them. Starts a node of its own, as it stops it.
 */
class LiveFeedLimitsTest {

    @Test
    void aStreamBeyondTheMaximumIsRefusedAndAShutdownEndsTheOpenOneWithoutWaitingForIt() throws Exception {
        ConfigurableApplicationContext node = new SpringApplicationBuilder(IncidentLedgerApplication.class).run(
                "--spring.profiles.active=demo", "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:live-limits-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
                "--incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-" + UUID.randomUUID()
                        + ".checkpoint",
                "--incident-ledger.live.max-subscribers=1");
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
