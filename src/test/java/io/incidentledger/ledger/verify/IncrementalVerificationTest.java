package io.incidentledger.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The incremental pass reads only what came after the verified prefix, finds damage there exactly as the whole-store
 * pass does, and leaves damage to what it verified before to the whole-store pass. On H2 (the embedded default), where
 * damage needs no trigger switched off; the admitter and the background verifier run only when a test calls them.
 *
 * <p>Each test starts from a whole-store pass that found nothing (so the verified prefix covers the store), and
 * repairs its damage before the next ({@link #theStoreVerifiesCleanAgain()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.datasource.url=jdbc:h2:mem:incremental-verification;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/h2/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/incremental/witness-${random.uuid}.checkpoint",
        "incident-ledger.ledger.verify-interval=1h",
        "incident-ledger.ledger.admit-interval=1h"
})
@DirtiesContext
class IncrementalVerificationTest {

    private static final String ACTOR = "incremental-test";
    private static final int INCIDENTS = 4;
    private static final int NOTES = 2;
    /** Each incident: its report and its notes. */
    private static final int NEW_EVENTS = INCIDENTS * (1 + NOTES);

    @Autowired
    CommandGateway commands;

    @Autowired
    LedgerVerification verification;

    @Autowired
    LogAdmitter admitter;

    @Autowired
    LedgerLog ledgerLog;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void everythingStoredIsVerified() {
        admitter.catchUpAndCheckpoint();
        assertThat(verification.verifyStore().findings()).as("the store before the test").isEmpty();
    }

    @AfterEach
    void theStoreVerifiesCleanAgain() {
        admitter.catchUpAndCheckpoint();
        assertThat(verification.verifyStore().findings()).as("the repaired store").isEmpty();
    }

    @Test
    void anIncrementalPassAfterNewEventsReadsOnlyThoseAndTheirLeaves() {
        long storedBefore = eventCount();
        List<IncidentId> incidents = reportIncidents();
        admitter.catchUpAndCheckpoint();

        LedgerVerification.Pass pass = verification.verifyIncrementally();

        assertThat(pass.kind()).isEqualTo(LedgerVerification.PassKind.INCREMENTAL);
        assertThat(pass.report().findings()).isEmpty();
        assertThat(storedBefore).as("the store held more than the new events").isGreaterThan(NEW_EVENTS);
        assertThat(pass.report().eventsChecked()).as("events read").isEqualTo(NEW_EVENTS);
        assertThat(pass.report().leavesChecked()).as("leaves read").isEqualTo(NEW_EVENTS);
        assertThat(pass.report().checkpointSize()).isEqualTo(ledgerLog.size());
        assertThat(incidents).hasSize(INCIDENTS);

        LedgerVerification.Pass nothingNew = verification.verifyIncrementally();
        assertThat(nothingNew.kind()).isEqualTo(LedgerVerification.PassKind.INCREMENTAL);
        assertThat(nothingNew.report().eventsChecked()).as("events read when nothing is new").isZero();
        assertThat(nothingNew.report().leavesChecked()).as("leaves read when nothing is new").isZero();
        assertThat(nothingNew.report().intact()).isTrue();
    }

    @Test
    void anEditedNewEventIsFoundByTheIncrementalPassAtTheSamePlaceAsByTheWholeStorePass() {
        IncidentId incident = reportIncidents().get(1);
        admitter.catchUpAndCheckpoint();
        StoredEvent edited = event(incident, 1);

        try (Damage damage = new Damage(edited)) {
            damage.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                    "{\"forged\":true}".getBytes(StandardCharsets.UTF_8), edited.globalIndex());

            LedgerVerification.Pass pass = verification.verifyIncrementally();

            assertThat(pass.kind()).isEqualTo(LedgerVerification.PassKind.INCREMENTAL);
            assertThat(pass.report().findings()).containsExactly(new Finding(Finding.Kind.EVENT_ALTERED,
                    incident.value(), 1L, edited.globalIndex(), null,
                    "its stored columns no longer hash to its entry hash"));
            assertThat(verification.verifyStore().findings()).containsExactlyElementsOf(pass.report().findings());
            assertThat(verification.verifyIncrementally().report().findings()).as("found again, not recorded as "
                    + "verified").containsExactlyElementsOf(pass.report().findings());
        }
    }

    @Test
    void aNewEventRemovedFromTheStoreIsFoundByTheIncrementalPassLikeByTheWholeStorePass() {
        IncidentId incident = reportIncidents().get(2);
        admitter.catchUpAndCheckpoint();
        StoredEvent removed = event(incident, 1);
        LedgerLog.Leaf leaf = ledgerLog.leafOfEvent(removed.eventIdentifier()).orElseThrow();

        try (Damage damage = new Damage(removed)) {
            damage.sql("DELETE FROM domain_event_entry WHERE global_index = ?", removed.globalIndex());

            LedgerVerification.Pass pass = verification.verifyIncrementally();

            assertThat(pass.kind()).isEqualTo(LedgerVerification.PassKind.INCREMENTAL);
            assertThat(pass.report().findings()).extracting(Finding::kind).containsExactlyInAnyOrder(
                    Finding.Kind.LOGGED_EVENT_MISSING, Finding.Kind.SEQUENCE_GAP, Finding.Kind.CHAIN_BROKEN);
            assertThat(pass.report().findings()).filteredOn(finding -> finding.kind()
                    == Finding.Kind.LOGGED_EVENT_MISSING).extracting(Finding::leafIndex)
                    .containsExactly(leaf.leafIndex());
            assertThat(verification.verifyStore().findings())
                    .containsExactlyInAnyOrderElementsOf(pass.report().findings());
        }
    }

    @Test
    void anOldEventEditedAfterItWasVerifiedIsLeftToTheWholeStorePass() {
        IncidentId old = reportIncidents().get(0);
        admitter.catchUpAndCheckpoint();
        assertThat(verification.verifyIncrementally().report().findings()).isEmpty();
        StoredEvent edited = event(old, 2);
        reportIncidents();
        admitter.catchUpAndCheckpoint();

        try (Damage damage = new Damage(edited)) {
            damage.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                    "{\"forged\":true}".getBytes(StandardCharsets.UTF_8), edited.globalIndex());

            LedgerVerification.Pass incremental = verification.verifyIncrementally();
            assertThat(incremental.kind()).isEqualTo(LedgerVerification.PassKind.INCREMENTAL);
            assertThat(incremental.report().eventsChecked()).isEqualTo(NEW_EVENTS);
            assertThat(incremental.report().findings()).as("the incremental pass does not read old events")
                    .isEmpty();

            assertThat(verification.verifyStore().findings()).containsExactly(new Finding(
                    Finding.Kind.EVENT_ALTERED, old.value(), 2L, edited.globalIndex(), null,
                    "its stored columns no longer hash to its entry hash"));
        }
    }

    @Test
    void aVerifiedCheckpointThatChangedSendsThePassOverTheWholeStore() {
        reportIncidents();
        admitter.catchUpAndCheckpoint();
        assertThat(verification.verifyIncrementally().report().findings()).isEmpty();
        long size = ledgerLog.size();
        String note = ledgerLog.checkpoint(size).orElseThrow().note();

        try {
            jdbc.update("UPDATE ledger_checkpoint SET note = ? WHERE tree_size = ?", note.replace("\n\n", "\n\n "),
                    size);

            LedgerVerification.Pass pass = verification.verifyIncrementally();

            assertThat(pass.kind()).isEqualTo(LedgerVerification.PassKind.WHOLE_STORE);
            assertThat(pass.wholeStoreBecause()).contains("verified checkpoint of size " + size);
            assertThat(pass.report().findings()).extracting(Finding::kind)
                    .containsExactly(Finding.Kind.CHECKPOINT_SIGNATURE_INVALID);
        } finally {
            jdbc.update("UPDATE ledger_checkpoint SET note = ? WHERE tree_size = ?", note, size);
        }
    }

    @Test
    void aNewCheckpointWhoseSignatureNoLongerVerifiesIsFoundByTheIncrementalPass() {
        reportIncidents();
        admitter.catchUpAndCheckpoint();
        long size = ledgerLog.size();
        String note = ledgerLog.checkpoint(size).orElseThrow().note();

        try {
            jdbc.update("UPDATE ledger_checkpoint SET note = ? WHERE tree_size = ?", note.replace("\n\n", "\n\n "),
                    size);

            LedgerVerification.Pass pass = verification.verifyIncrementally();

            assertThat(pass.kind()).isEqualTo(LedgerVerification.PassKind.INCREMENTAL);
            assertThat(pass.report().findings()).extracting(Finding::kind, Finding::leafIndex)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            Finding.Kind.CHECKPOINT_SIGNATURE_INVALID, size));
        } finally {
            jdbc.update("UPDATE ledger_checkpoint SET note = ? WHERE tree_size = ?", note, size);
        }
    }

    @Test
    void anEventWhoseTransactionCommitsLateRaisesNothingAndIsVerifiedOnceCommitted() throws Exception {
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            String late = insertProbeEvent(slow);
            reportIncidents();
            admitter.catchUpAndCheckpoint();

            LedgerVerification.Pass beforeCommit = verification.verifyIncrementally();
            assertThat(beforeCommit.report().findings()).isEmpty();
            assertThat(beforeCommit.report().eventsChecked()).as("the events above the open hole wait")
                    .isZero();
            assertThat(beforeCommit.report().leavesChecked()).as("their leaves are checked").isEqualTo(NEW_EVENTS);

            slow.commit();
            admitter.catchUpAndCheckpoint();
            assertThat(ledgerLog.leafOfEvent(late)).isPresent();

            LedgerVerification.Pass afterCommit = verification.verifyIncrementally();
            assertThat(afterCommit.report().findings()).isEmpty();
            assertThat(afterCommit.report().eventsChecked()).as("the late event and those after it")
                    .isEqualTo(NEW_EVENTS + 1);
        }
    }

    /** Keeps the damaged row and puts it back on close (H2 has no append-only triggers). */
    private final class Damage implements AutoCloseable {

        private final long globalIndex;

        Damage(StoredEvent event) {
            globalIndex = event.globalIndex();
            jdbc.execute("DROP TABLE IF EXISTS damaged_event");
            jdbc.update("CREATE TABLE damaged_event AS SELECT * FROM domain_event_entry WHERE global_index = ?",
                    globalIndex);
        }

        void sql(String sql, Object... arguments) {
            assertThat(jdbc.update(sql, arguments)).isOne();
        }

        @Override
        public void close() {
            jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", globalIndex);
            jdbc.update("INSERT INTO domain_event_entry SELECT * FROM damaged_event");
            jdbc.execute("DROP TABLE damaged_event");
        }
    }

    private List<IncidentId> reportIncidents() {
        List<IncidentId> incidents = new java.util.ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            IncidentId incident = IncidentId.of(UUID.randomUUID());
            send(new ReportIncident(incident, "Incremental " + incident, "verified incrementally", Severity.LOW,
                    Category.OTHER, IncidentSource.MANUAL, null, Instant.now()));
            for (int note = 1; note <= NOTES; note++) {
                send(new AddNote(incident, "note " + note));
            }
            incidents.add(incident);
        }
        return incidents;
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(ActorMetadata.ofService(ACTOR, Roles.RESPONDER)));
    }

    private StoredEvent event(IncidentId incident, long sequence) {
        return storedEvents.ofAggregate(incident.value()).stream()
                .filter(event -> event.sequenceNumber() == sequence).findFirst().orElseThrow();
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    /** An event of its own aggregate, inserted in the connection's open transaction: it holds its global index. */
    private static String insertProbeEvent(Connection connection) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        String timeStamp = Instant.now().toString();
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] hash = EventHash.of(eventId, eventId, null, 0, timeStamp, "test.LateProbe", null, payload, null,
                EventHash.GENESIS);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data, prev_hash, entry_hash)
                VALUES (?, ?, 0, NULL, ?, 'test.LateProbe', NULL, ?, NULL, ?, ?)""")) {
            insert.setString(1, eventId);
            insert.setString(2, eventId);
            insert.setString(3, timeStamp);
            insert.setBytes(4, payload);
            insert.setBytes(5, EventHash.GENESIS);
            insert.setBytes(6, hash);
            insert.executeUpdate();
        }
        return eventId;
    }
}
