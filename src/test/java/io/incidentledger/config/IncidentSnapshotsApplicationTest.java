package io.incidentledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.RequestContainmentStep;
import io.incidentledger.incident.api.AcknowledgeIncident;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.AttachEvidence;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.incident.command.Incident;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Snapshots in the running application (H2), with no cache, so that every command loads its incident: they are
 * stored beside the events, read back for the next command, passed over when they cannot be trusted to be of the
 * incident's current shape, and outside what the ledger chains, logs and verifies.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:snapshots;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.incidents.snapshot-threshold=3",
        "incident-ledger.incidents.cache-size=0",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/snapshots/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/snapshots/witness-${random.uuid}.checkpoint"
})
class IncidentSnapshotsApplicationTest {

    private static final Instant DETECTED_AT = Instant.parse("2026-05-04T07:00:00Z");
    private static final AffectedAsset KEY = new AffectedAsset(AssetType.SIGNING_KEY, "hot-wallet-3", "ethereum");
    private static final String EVIDENCE = "d".repeat(64);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration NUDGE = Duration.ofSeconds(5);

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerVerification verification;

    /** Eight events: report, acknowledgement, two steps waiting for approval, evidence and three notes. */
    private IncidentId incidentWithEightEvents() {
        IncidentId id = IncidentId.of(UUID.randomUUID());
        send(new ReportIncident(id, "Hot wallet drained", "outflows", Severity.HIGH, Category.PHISHING,
                IncidentSource.MANUAL, null, DETECTED_AT));
        send(new AcknowledgeIncident(id));
        send(new RequestContainmentStep(id, "step-1", "key-compromise", ContainmentStepAction.REVOKE_KEY, KEY, true,
                "playbook"));
        send(new RequestContainmentStep(id, "step-2", "key-compromise", ContainmentStepAction.NOTIFY, null, true,
                "playbook"));
        send(new AttachEvidence(id, "signer.log", EVIDENCE, "s3://evidence/signer.log", "signer audit log"));
        for (int note = 1; note <= 3; note++) {
            send(new AddNote(id, "note " + note));
        }
        return id;
    }

    private Object send(Object command) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(ActorMetadata.ofService("snapshot-test", "RESPONDER")));
    }

    private long latestSnapshot(IncidentId id) {
        Long sequence = jdbc.queryForObject("SELECT MAX(sequence_number) FROM snapshot_event_entry "
                + "WHERE aggregate_identifier = ?", Long.class, id.value());
        return sequence == null ? -1 : sequence;
    }

    /**
     * Waits for a snapshot at sequence 5 or later. Axon asks for at most one snapshot of an incident at a time: a
     * snapshot taken while the last commands were still arriving can stop short of them, and the requests those
     * commands made were dropped while it ran. Then one more note asks again, as the next command of a real incident
     * would.
     */
    private void awaitSnapshot(IncidentId id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (latestSnapshot(id) < 5) {
            assertThat(System.nanoTime()).as("a snapshot at sequence 5 or later").isLessThan(deadline);
            long nudgeAt = System.nanoTime() + NUDGE.toNanos();
            while (latestSnapshot(id) < 5 && System.nanoTime() < nudgeAt) {
                Thread.sleep(20);
            }
            if (latestSnapshot(id) < 5) {
                send(new AddNote(id, "asks for a snapshot again"));
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void anIncidentIsSnapshottedEveryFewEventsAndKeepsOnlyItsLatestSnapshot() throws Exception {
        IncidentId id = incidentWithEightEvents();

        awaitSnapshot(id);
        List<String> snapshots = jdbc.queryForList("SELECT type || ' ' || payload_type || ' ' || payload_revision "
                + "FROM snapshot_event_entry WHERE aggregate_identifier = ?", String.class, id.value());
        assertThat(snapshots).containsExactly("Incident " + Incident.class.getName() + " 1");
        assertThat(eventStore.readEvents(id.value()).peek().getPayloadType()).isEqualTo(Incident.class);
    }

    @Test
    void anIncidentLoadedFromItsSnapshotTakesAndRefusesCommandsAsBefore() throws Exception {
        IncidentId id = incidentWithEightEvents();
        awaitSnapshot(id);

        assertThatThrownBy(() -> send(new AttachEvidence(id, "again.log", EVIDENCE, "s3://evidence/again.log",
                "the same log")))
                .isInstanceOfSatisfying(CommandRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("duplicate-evidence"));
        assertThat(send(new RequestContainmentStep(id, "step-1", "manual", ContainmentStepAction.REVOKE_KEY, KEY,
                false, "again"))).isEqualTo(false);
        send(new ApproveContainmentStep(id, "step-1", "go"));
        assertThatThrownBy(() -> send(new ApproveContainmentStep(id, "step-1", "again")))
                .isInstanceOfSatisfying(CommandRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("illegal-step-transition"));
    }

    @Test
    void aSnapshotThatCannotBeReadIsPassedOverForTheEvents() throws Exception {
        IncidentId id = incidentWithEightEvents();
        awaitSnapshot(id);
        forgeSnapshot(id, 100, "1", "{ not json");

        send(new ApproveContainmentStep(id, "step-1", "go"));
        assertThatThrownBy(() -> send(new ApproveContainmentStep(id, "step-1", "again")))
                .isInstanceOfSatisfying(CommandRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("illegal-step-transition"));
    }

    @Test
    void aSnapshotOfAnotherRevisionIsNeverRead() throws Exception {
        IncidentId id = incidentWithEightEvents();
        awaitSnapshot(id);
        // a well-formed state that says the incident is closed, under a revision the incident does not have
        forgeSnapshot(id, 100, "0", "{\"incidentId\":{\"value\":\"" + id.value() + "\"},\"status\":\"CLOSED\"}");

        send(new AddNote(id, "still open"));
    }

    @Test
    void theLedgerNeitherChainsNorLogsNorVerifiesSnapshots() throws Exception {
        IncidentId id = incidentWithEightEvents();
        awaitSnapshot(id);
        forgeSnapshot(id, 100, "1", "{ not json");
        await("every event in the log", () -> count("ledger_leaf") == count("domain_event_entry"));

        long events = count("domain_event_entry");

        assertThat(verification.verifyAggregate(id.value()).intact()).isTrue();
        LedgerVerification.Report store = verification.verifyStore();
        assertThat(store.findings()).isEmpty();
        assertThat(store.eventsChecked()).isGreaterThanOrEqualTo(events);
        assertThat(count("snapshot_event_entry")).isPositive();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    private void forgeSnapshot(IncidentId id, long sequence, String revision, String payload) {
        jdbc.update("""
                        INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type,
                            event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, 'Incident', ?, ?, ?, ?, ?, ?)""",
                id.value(), sequence, UUID.randomUUID().toString(), DETECTED_AT.toString(),
                Incident.class.getName(), revision, payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
