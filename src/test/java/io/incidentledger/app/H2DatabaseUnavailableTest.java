package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.incidentledger.testing.RawHttp;
import io.incidentledger.testing.RawHttp.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database the service cannot reach for a moment is not a defect of the service: the request is answered 503 with
 * {@code Retry-After}, which a client can tell from a 500, and stores nothing. The failure here is real: every
 * connection of a small pool is taken, so the request's own wait for one times out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:unavailable;DB_CLOSE_DELAY=-1",
        "spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.connection-timeout=250",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/h2/witness-${random.uuid}.checkpoint"
})
@DirtiesContext
class H2DatabaseUnavailableTest {

    private static final int POOL_SIZE = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REPORT = """
            {"title":"Hot wallet key exposed","severity":"LOW","category":"OTHER"}""";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRequestThatGetsNoDatabaseConnectionIsA503WithRetryAfterAndStoresNothing() throws Exception {
        RawHttp http = new RawHttp(port);
        long eventsBefore = events();

        Reply refused;
        List<Connection> held = holdEveryConnection();
        try {
            refused = report(http);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.headers()).containsKey("retry-after");
        assertThat(JSON.readTree(refused.body()).path("code").asString()).isEqualTo("temporarily-unavailable");
        assertThat(events()).isEqualTo(eventsBefore);

        Reply retried = report(http);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(events()).isEqualTo(eventsBefore + 1);
    }

    private static Reply report(RawHttp http) {
        return http.send("commander", "POST /api/incidents HTTP/1.1", REPORT.getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/json");
    }

    /** Takes the pool's connections as the background processors let go of them. */
    private List<Connection> holdEveryConnection() throws InterruptedException {
        List<Connection> held = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (held.size() < POOL_SIZE) {
            assertThat(Instant.now()).as("all connections of the pool taken in time").isBefore(deadline);
            try {
                held.add(dataSource.getConnection());
            } catch (SQLException busy) {
                Thread.sleep(10);
            }
        }
        return held;
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }
}
