package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.testing.ApiClient;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;

/**
 * A node killed with {@code kill -9} leaves its token claims behind: rows of {@code token_entry} owned by it, with a
 * fresh timestamp, which another identity may take only when they are older than the claim timeout (10 s). Restarted
 * under its own identity the node takes them back at once; a node of another identity waits, and meanwhile is not
 * ready, because its processors are behind. The crash tests start a first node, stop it and leave its claims behind
 * as a crash would, and start the next node on the same database; a node taking a steady flow of events stays ready.
 * Subclasses choose the database; each test has a database of its own.
 */
abstract class NodeRestartFlows {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private ProcessingTestDatabase database;
    private ClaimsOfADeadNode deadNode;

    abstract ProcessingTestDatabase createDatabase();

    @AfterEach
    void stopEverything() {
        if (deadNode != null) {
            deadNode.close();
        }
        nodes.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aNodeRestartedUnderItsIdentityAfterACrashHandlesNewEventsAtOnce() {
        database = createDatabase();
        ConfigurableApplicationContext crashed = start("node-1");
        String before = report(crashed, "Validator keys copied to a laptop");
        awaitInRegister(crashed, before);
        crashed.close();
        deadNode = new ClaimsOfADeadNode(database, "node-1");

        ConfigurableApplicationContext restarted = start("node-1");
        String after = report(restarted, "Admin multisig threshold lowered");

        // the claims stay fresh all along: only an owner that is this node's identity gets them
        await().atMost(WAIT).until(() -> inRegister(restarted, after));
        await().atMost(WAIT).until(() -> api(restarted).get("responder", "/actuator/health/readiness").status() == 200);
    }

    @Test
    void readinessIsOutOfServiceUntilTheProcessorsHaveCaughtUp() {
        database = createDatabase();
        ConfigurableApplicationContext crashed = start("node-a");
        awaitInRegister(crashed, report(crashed, "Relayer wallet drained"));
        // the claims pass to a node that dies at once: what node-a reports now stays unhandled, a backlog
        deadNode = new ClaimsOfADeadNode(database, "node-x");
        String waiting = report(crashed, "Bridge paused by guardian");
        crashed.close();

        ConfigurableApplicationContext other = start("node-b");
        ApiClient api = api(other);
        JsonNode notReady = await().atMost(WAIT).until(() -> api.get("admin", "/actuator/health/readiness"),
                response -> response.status() != 503 || "BEHIND".equals(response.json().path("components")
                        .path("eventProcessors").path("details").path("incident-register").path("state")
                        .asString())).json();
        assertThat(notReady.path("components").path("eventProcessors").path("status").asString())
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(api.get("admin", "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(inRegister(other, waiting)).isFalse();

        deadNode.close();

        // once the dead node's claims have timed out, node-b takes the segments and catches up
        await().atMost(WAIT).until(() -> api.get("admin", "/actuator/health/readiness").status() == 200);
        assertThat(inRegister(other, waiting)).as("ready only once the processors have handled it").isTrue();
    }

    /** A processor that stands still later is the cluster's problem: it shows, but takes no node out of service. */
    @Test
    void aNodeOnceCaughtUpStaysReadyWhileTheProcessorsFallBehind() {
        database = createDatabase();
        ConfigurableApplicationContext node = start("node-s");
        ApiClient api = api(node);
        await().atMost(WAIT).until(() -> api.get("responder", "/actuator/health/readiness").status() == 200);
        deadNode = new ClaimsOfADeadNode(database, "node-x");

        report(node, "Custody signer unreachable");

        await().atMost(WAIT).until(() -> "BEHIND".equals(api.get("admin", "/actuator/health").json()
                .path("components").path("eventProcessors").path("details").path("incident-register")
                .path("state").asString()));
        assertThat(api.get("responder", "/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void aSteadyTrickleOfEventsKeepsTheNodeReady() {
        database = createDatabase();
        ConfigurableApplicationContext node = start("node-t", "5s");
        ApiClient api = api(node);
        await().atMost(WAIT).until(() -> api.get("responder", "/actuator/health/readiness").status() == 200);
        Instant end = Instant.now().plusSeconds(8);

        int reported = 0;
        while (Instant.now().isBefore(end)) {
            report(node, "Suspicious withdrawal " + reported++);
            assertThat(api.get("responder", "/actuator/health/readiness").status()).as("after %d reports", reported)
                    .isEqualTo(200);
        }
        assertThat(reported).isGreaterThan(10);
    }

    private ConfigurableApplicationContext start(String nodeId) {
        return start(nodeId, "1s");
    }

    private ConfigurableApplicationContext start(String nodeId, String maxLag) {
        List<String> arguments = new ArrayList<>(database.arguments());
        arguments.addAll(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--incident-ledger.node-id=" + nodeId,
                "--incident-ledger.processing.readiness.max-lag=" + maxLag,
                "--incident-ledger.ledger.signing-key-file=target/test-ledger/restart/signing.key",
                "--incident-ledger.ledger.witness-file=target/test-ledger/restart/witness-" + UUID.randomUUID()
                        + ".checkpoint"));
        ConfigurableApplicationContext node = new SpringApplicationBuilder(IncidentLedgerApplication.class)
                .run(arguments.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    private static ApiClient api(ConfigurableApplicationContext node) {
        return new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    private static String report(ConfigurableApplicationContext node, String title) {
        ApiClient.Response reported = api(node).post("responder", "/api/incidents", """
                {"title":"%s","severity":"HIGH","category":"DATA_BREACH"}""".formatted(title));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return reported.json().path("incidentId").asString();
    }

    private static boolean inRegister(ConfigurableApplicationContext node, String incident) {
        return api(node).get("responder", "/api/incidents/" + incident).status() == 200;
    }

    private static void awaitInRegister(ConfigurableApplicationContext node, String incident) {
        await().atMost(WAIT).until(() -> inRegister(node, incident));
    }

    /**
     * The token claims as a node killed with {@code kill -9} leaves them: every segment owned by {@code owner}, the
     * timestamp fresh. Kept fresh until closed, because starting the next node takes longer than the claim timeout.
     */
    private static final class ClaimsOfADeadNode implements AutoCloseable {

        private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        private final SingleConnectionDataSource connection;

        ClaimsOfADeadNode(ProcessingTestDatabase database, String owner) {
            connection = database.singleConnection();
            JdbcTemplate jdbc = new JdbcTemplate(connection);
            Runnable claim = () -> jdbc.update("UPDATE token_entry SET owner = ?, timestamp = ? "
                    + "WHERE processor_name <> '__config'", owner, DateTimeUtils.formatInstant(Instant.now()));
            claim.run();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE owner = ?", Long.class, owner))
                    .isPositive();
            refresher.scheduleWithFixedDelay(claim, 200, 200, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            refresher.shutdownNow();
            try {
                refresher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection.destroy();
        }
    }
}
