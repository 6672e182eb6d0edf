package io.incidentledger.detection.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.incidentledger.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** After failed passes the follower waits twice as long each time, up to max-backoff, asking the node nothing. */
class ChainFollowerLoopTest {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(300);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer failingNode;
    private Web3j web3j;
    private ChainFollowerLoop loop;

    @BeforeEach
    void aNodeThatAnswersEveryCallWithAnError() throws IOException {
        failingNode = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failingNode.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failingNode.start();
        URI url = URI.create("http://127.0.0.1:" + failingNode.getAddress().getPort() + "/");
        ChainFollowerProperties.Chain chain = new ChainFollowerProperties.Chain("ethereum", url, null, 0, POLL, 0L,
                null, null, List.of());
        ChainFollowerProperties properties = new ChainFollowerProperties(true, List.of(chain), Duration.ofMinutes(1),
                MAX_BACKOFF, 100);
        web3j = Web3j.build(new HttpService(url.toString()));
        ChainFollower follower = new ChainFollower(chain, new ChainReader(web3j, chain), null, null, clock, "node-1",
                properties);
        loop = new ChainFollowerLoop(follower, POLL, MAX_BACKOFF, clock);
    }

    @AfterEach
    void stop() {
        web3j.shutdown();
        failingNode.stop(0);
    }

    @Test
    void failedPassesBackOffExponentiallyUpToTheMaximum() {
        assertThat(loop.runPass()).isFalse();
        assertThat(requests).hasValue(1);

        clock.advance(Duration.ofMillis(99));
        loop.runPass();
        assertThat(requests).as("still within the first pause of one poll interval").hasValue(1);
        clock.advance(Duration.ofMillis(1));
        loop.runPass();
        assertThat(requests).hasValue(2);

        clock.advance(Duration.ofMillis(199));
        loop.runPass();
        assertThat(requests).as("the second pause is twice as long").hasValue(2);
        clock.advance(Duration.ofMillis(1));
        loop.runPass();
        assertThat(requests).hasValue(3);

        clock.advance(Duration.ofMillis(300));
        loop.runPass();
        assertThat(requests).as("the third pause is capped at max-backoff").hasValue(4);
        clock.advance(Duration.ofMillis(300));
        loop.runPass();
        assertThat(requests).hasValue(5);
    }
}
