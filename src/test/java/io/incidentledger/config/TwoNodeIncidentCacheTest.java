package io.incidentledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.RequestContainmentStep;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.DismissIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.testing.OwnPostgresDatabase;
import io.incidentledger.testing.RequiresPostgres;
import io.incidentledger.testing.TwoNodes;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one PostgreSQL database, each with its own incident cache: a node never decides on an incident older
 * than what the other node has stored. A cached incident that another node has appended to since is loaded afresh,
 * so the node takes and refuses exactly what it would have without the cache; and when both append at the same
^ * moment, the store's unique sequence numbers let only one through, and the loser's stale copy is not kept.
 */
@RequiresPostgres
class TwoNodeIncidentCacheTest {

    private static final Instant DETECTED_AT = Instant.parse("2026-05-04T07:00:00Z");
    private static TwoNodes nodes;
    private static OwnPostgresDatabase database;
    private static Path ledgerFiles;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        database = OwnPostgresDatabase.create();
        ledgerFiles = Files.createTempDirectory("two-node-cache-");
        nodes = TwoNodes.start(database.url(), database.user(), database.password(),
                ledgerFiles.resolve("signing.key").toString(), ledgerFiles.resolve("witness-").toString(),
                "--spring.datasource.hikari.maximum-pool-size=4", "--incident-ledger.node-id=cache-test-{node}");
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    private static Object send(int node, Object command) {
        return nodes.node(node).getBean(CommandGateway.class).sendAndWait(GenericCommandMessage
                .asCommandMessage(command).andMetaData(ActorMetadata.ofService("cache-test", "COMMANDER")));
    }

    /** A kind of incident no playbook acts on, so that only the test appends to it. */
    private static IncidentId reportedOn(int node) {
        IncidentId id = IncidentId.of(UUID.randomUUID());
        send(node, new ReportIncident(id, "Bridge drained", "outflows", Severity.HIGH, Category.PHISHING,
                IncidentSource.MANUAL, null, DETECTED_AT));
        return id;
    }

    private static List<Long> sequences(IncidentId id) {
        return nodes.node(0).getBean(JdbcTemplate.class).queryForList("SELECT sequence_number FROM "
                + "domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, id.value());
    }

    @Test
    void aNodeTakesACommandOnAStepTheOtherNodeRequestedAfterItCachedTheIncident() {
        IncidentId id = reportedOn(0);
        send(1, new RequestContainmentStep(id, "step-1", "manual", ContainmentStepAction.NOTIFY, null, true, "ask"));

        send(0, new ApproveContainmentStep(id, "step-1", "go"));

        assertThatThrownBy(() -> send(1, new ApproveContainmentStep(id, "step-1", "go again")))
                .isInstanceOfSatisfying(CommandRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("illegal-step-transition"));
    }

    @Test
    void aNodeRefusesWhatTheOtherNodeMadeImpossibleAfterItCachedTheIncident() {
        IncidentId id = reportedOn(0);
        send(1, new AddNote(id, "node b has the incident in its cache"));
        send(0, new DismissIncident(id, "false positive"));

        assertThatThrownBy(() -> send(1, new AddNote(id, "too late")))
                .isInstanceOfSatisfying(CommandRefusedException.class, refused -> assertThat(refused.getMessage())
                        .isEqualTo("cannot add a note to incident " + id + ": it is DISMISSED"));
        assertThat(sequences(id)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void whenBothNodesAppendAtOnceOnlyOneGetsEachSequenceNumberAndNoStaleCopyIsKept() throws Exception {
        IncidentId id = reportedOn(0);
        send(1, new AddNote(id, "both nodes now have the incident in their caches"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int accepted = 0;
        int conflicts = 0;
        try {
            List<Callable<Object>> notes = new ArrayList<>();
            for (int note = 0; note < 40; note++) {
                int node = note % 2;
                String text = "note " + note + " on node " + node;
                notes.add(() -> send(node, new AddNote(id, text)));
            }
            for (Future<Object> outcome : pool.invokeAll(notes)) {
                try {
                    outcome.get();
                    accepted++;
                } catch (java.util.concurrent.ExecutionException failed) {
                    assertThat(failed.getCause()).isInstanceOf(ConcurrencyException.class);
                    conflicts++;
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(accepted + conflicts).isEqualTo(40);
        assertThat(sequences(id)).containsExactlyElementsOf(LongStream.rangeClosed(0, 1 + accepted).boxed().toList());
        send(0, new AddNote(id, "node a decides on the stored incident"));
        send(1, new AddNote(id, "node b too"));
        assertThat(sequences(id)).hasSize(accepted + 4);
    }
}
