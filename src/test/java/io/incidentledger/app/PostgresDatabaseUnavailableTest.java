package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.incidentledger.testing.OwnPostgresDatabase;
import io.incidentledger.testing.RawHttp;
import io.incidentledger.testing.RawHttp.Reply;
import io.incidentledger.testing.RequiresPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PostgreSQL session terminated under a request ({@code pg_terminate_backend}, as a failover or an operator does) is
 * a 503 with {@code Retry-After}, not a 500, and the request stores nothing. The request is held at its insert by a
 * table lock so that it is its session, and only its session, that is terminated; on a database of its own, so that
 * no other test's application has a session waiting there.
 */
@RequiresPostgres
@ExtendWith(OwnPostgresDatabase.Lifecycle.class) // before @SpringBootTest: see OwnPostgresDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.profiles.active=postgres,demo",
                "spring.datasource.hikari.maximum-pool-size=4",
                "incident-ledger.ledger.signing-key-file=target/test-ledger/postgres/signing.key",
                "incident-ledger.ledger.witness-file=target/test-ledger/postgres/witness-${random.uuid}.checkpoint"
        })
@DirtiesContext
class PostgresDatabaseUnavailableTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> OwnPostgresDatabase.current().url());
        registry.add("spring.datasource.username", () -> OwnPostgresDatabase.current().user());
        registry.add("spring.datasource.password", () -> OwnPostgresDatabase.current().password());
    }

    @Test
    void aRequestWhoseSessionIsTerminatedIsA503WithRetryAfterAndStoresNothing() throws Exception {
        RawHttp http = new RawHttp(port);
        Reply reported = post(http, "/api/incidents", """
                {"title":"Hot wallet key exposed","severity":"LOW","category":"OTHER"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String incident = JSON.readTree(reported.body()).path("incidentId").asString();

        Reply refused;
        try (Connection locker = OwnPostgresDatabase.current().connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE domain_event_entry IN EXCLUSIVE MODE");
            }
            CompletableFuture<Reply> note = CompletableFuture.supplyAsync(() -> post(http,
                    "/api/incidents/" + incident + "/notes", "{\"text\":\"wallet drained at 07:40\"}"));
            List<Integer> waiting = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                waiting.clear();
                waiting.addAll(sessionsWaitingFor(locker));
                return !waiting.isEmpty();
            });
            for (int pid : waiting) {
                try (PreparedStatement terminate = locker.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    terminate.setInt(1, pid);
                    terminate.execute();
                }
            }
            refused = note.get(30, TimeUnit.SECONDS);
            locker.rollback();
        }

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.headers()).containsKey("retry-after");
        assertThat(JSON.readTree(refused.body()).path("code").asString()).isEqualTo("temporarily-unavailable");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, incident)).isEqualTo(1);
    }

    /** The sessions that wait for the locker's lock: this application's, the only one on this database. */
    private static List<Integer> sessionsWaitingFor(Connection locker) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement query = locker.prepareStatement("SELECT pid FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pg_backend_pid() = ANY(pg_blocking_pids(pid))")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
        }
        return pids;
    }

    private static Reply post(RawHttp http, String path, String json) {
        return http.send("commander", "POST " + path + " HTTP/1.1", json.getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/json");
    }
}
