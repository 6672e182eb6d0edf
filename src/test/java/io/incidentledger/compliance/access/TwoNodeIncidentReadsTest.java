package io.incidentledger.compliance.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import io.incidentledger.testing.PostgresServer;
import io.incidentledger.testing.RequiresPostgres;
import io.incidentledger.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regulators reading one incident at the same moment on two application nodes of one PostgreSQL database. Within a
 * node the reads of one incident queue for its access log; across nodes they race for its next sequence number (the
 * first read, for creating it), and the loser must record its read after the winner's rather than answer 409.
 */
@RequiresPostgres
class TwoNodeIncidentReadsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Concurrent reads per node in a round: each can lose only to the other node's, within IncidentReads' attempts. */
    private static final int READERS_PER_NODE = 2;
    private static final int ROUNDS = 4;
    private static final int INCIDENTS = 3;

    private static TwoNodes twoNodes;

    @BeforeAll
    static void startTwoNodes() {
        PostgresServer database = PostgresServer.require();
        // every node of one log signs with the same key: the one the other PostgreSQL tests use
        twoNodes = TwoNodes.start(database.url(), database.user(), database.password(),
                "target/test-ledger/postgres/signing.key",
                "target/test-ledger/two-node-reads/witness-" + UUID.randomUUID() + "-");
    }

    @AfterAll
    static void stopNodes() {
        twoNodes.close();
    }

    @Test
    void regulatorsReadingOneIncidentAtOnceOnTwoNodesAreAllAnsweredAndEachReadIsRecordedOnce() throws Exception {
        List<ApiClient> nodes = twoNodes.clients();
        ExecutorService pool = Executors.newFixedThreadPool(READERS_PER_NODE * nodes.size());
        try {
            for (int incident = 0; incident < INCIDENTS; incident++) {
                String id = reportedAndVisibleOnEveryNode(nodes, "Custody signer leaked " + incident);
                for (int round = 0; round < ROUNDS; round++) {
                    readAllAtOnce(pool, nodes, id).forEach(read -> {
                        assertThat(read.status()).as(read.body()).isEqualTo(200);
                        assertThat(read.json().path("incidentId").asString()).isEqualTo(id);
                    });
                }
                assertOneUnbrokenChainOfReads(id, ROUNDS * READERS_PER_NODE * nodes.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String reportedAndVisibleOnEveryNode(List<ApiClient> nodes, String title) {
        Response reported = nodes.get(0).post("commander", "/api/incidents",
                "{\"title\":\"" + title + "\",\"severity\":\"HIGH\",\"category\":\"OTHER\"}");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().path("incidentId").asString();
        // a commander's read is not recorded, so waiting for the view leaves the access log empty
        for (ApiClient node : nodes) {
            await().atMost(WAIT).until(() -> node.get("commander", "/api/incidents/" + id).status() == 200);
        }
        return id;
    }

    private static List<Response> readAllAtOnce(ExecutorService pool, List<ApiClient> nodes, String id)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int reader = 0; reader < READERS_PER_NODE; reader++) {
            for (ApiClient node : nodes) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return node.get("regulator", "/api/incidents/" + id);
                }));
            }
        }
        start.countDown();
        List<Response> reads = new ArrayList<>();
        for (Future<Response> answer : answers) {
            reads.add(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        return reads;
    }

    private static void assertOneUnbrokenChainOfReads(String id, int expected) {
        List<StoredEvent> reads = twoNodes.node(0).getBean(StoredEvents.class).ofAggregate("access-log:" + id);
        assertThat(reads).hasSize(expected);
        for (int i = 0; i < reads.size(); i++) {
            StoredEvent read = reads.get(i);
            assertThat(read.sequenceNumber()).isEqualTo(i);
            assertThat(read.entryHash()).as("hash of read %d", i).isEqualTo(read.expectedHash());
            if (i > 0) {
                assertThat(read.previousHash()).as("link of read %d", i).isEqualTo(reads.get(i - 1).entryHash());
            }
        }
    }
}
