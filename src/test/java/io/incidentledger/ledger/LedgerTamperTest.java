package io.incidentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentView;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.verify.BackgroundVerifier;
import io.incidentledger.ledger.verify.ChainVerifier;
import io.incidentledger.ledger.verify.Finding;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.ledger.verify.TamperAlarm;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import io.incidentledger.testing.OwnPostgresDatabase;
import io.incidentledger.testing.RequiresPostgres;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Damages a real PostgreSQL ledger behind the application's back and checks that the verifier reports each kind of
 * damage at its exact place, that the alarm opens one CRITICAL incident per finding, and that the append-only
 * triggers refuse the damage when it is attempted the ordinary way.
 *
 * <p>Isolation: the class runs on a database of its own, created by {@link OwnPostgresDatabase.Lifecycle} on the
 * server of {@code INCIDENT_LEDGER_TEST_PG_URL} before the class and dropped (WITH FORCE) after it, once the Spring
 * extension has closed the application context, so nothing leaks into the database the other PostgreSQL test classes
 * share. Damage is done as the superuser on a separate connection with
 * {@code session_replication_role = replica}, which switches the append-only triggers off for that connection only.
 *
 * <p>Order: the tests do not depend on their order. Every test creates its own incidents and damages the store
 * inside a {@link Damage} block, which snapshots the ledger tables first and REPAIRS them on close (in a finally,
 * whatever the test's outcome): the original rows and bytes come back and rows added since are removed. After each
 * test {@link #ledgerIsIntactAgain()} checks the whole store verifies clean again. The admitter and the background
 * verifier run only when a test calls them (admit- and verify-interval of an hour), so neither races the damage.
 */
@RequiresPostgres
@ExtendWith(OwnPostgresDatabase.Lifecycle.class) // before @SpringBootTest: see OwnPostgresDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {
                "spring.profiles.active=postgres,demo",
                "incident-ledger.ledger.signing-key-file=" + LedgerTamperTest.FILES + "/signing.key",
                "incident-ledger.ledger.witness-file=" + LedgerTamperTest.FILES + "/witness.checkpoint",
                "incident-ledger.ledger.verify-interval=1h",
                "incident-ledger.ledger.admit-interval=1h",
                // the damage deletes events on purpose: the holes they leave are given up as soon as no transaction
                // can fill them, so that each test sees the low-water mark past its own events
                "incident-ledger.ledger.hole-grace=0s"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LedgerTamperTest {

    static final String FILES = "target/test-ledger/tamper";
    private static final Path WITNESS = Path.of(FILES, "witness.checkpoint");
    private static final String ACTOR = "tamper-test";
    private static final List<String> LEDGER_TABLES =
            List.of("domain_event_entry", "ledger_leaf", "ledger_node", "ledger_checkpoint");
    private static final String INCIDENT_REPORTED = "io.incidentledger.incident.api.IncidentReported";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    @Autowired
    LogAdmitter admitter;

    @Autowired
    LedgerLog ledgerLog;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    ChainVerifier chainVerifier;

    @Autowired
    LedgerVerification verification;

    @Autowired
    BackgroundVerifier backgroundVerifier;

    @BeforeAll
    static void forgetEarlierWitness() throws IOException {
        // a fresh database has a new log: a witness left by an earlier run belongs to another (start refused)
        Files.deleteIfExists(WITNESS);
    }

    @DynamicPropertySource
    static void tamperDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> OwnPostgresDatabase.current().url());
        registry.add("spring.datasource.username", () -> OwnPostgresDatabase.current().user());
        registry.add("spring.datasource.password", () -> OwnPostgresDatabase.current().password());
    }

    @BeforeEach
    void startClean() {
        // the background verifier's start-up pass must be over before any damage is done
        await().atMost(Duration.ofSeconds(30)).until(() -> backgroundVerifier.lastReport() != null);
    }

    @AfterEach
    void ledgerIsIntactAgain() {
        admitter.catchUpAndCheckpoint();
        assertThat(verification.verifyStore().findings()).as("the repaired store verifies clean").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. the append-only triggers

    @ParameterizedTest(name = "{1} on {0} is refused and changes nothing")
    @CsvSource(quoteCharacter = '"', value = {
            "domain_event_entry, UPDATE,   UPDATE domain_event_entry SET payload_type = 'forged'",
            "domain_event_entry, DELETE,   DELETE FROM domain_event_entry",
            "domain_event_entry, TRUNCATE, TRUNCATE domain_event_entry",
            "ledger_leaf,        UPDATE,   UPDATE ledger_leaf SET entry_hash = sha256(entry_hash)",
            "ledger_leaf,        DELETE,   DELETE FROM ledger_leaf",
            "ledger_leaf,        TRUNCATE, TRUNCATE ledger_leaf",
            "ledger_node,        UPDATE,   UPDATE ledger_node SET hash = sha256(hash)",
            "ledger_node,        DELETE,   DELETE FROM ledger_node",
            "ledger_node,        TRUNCATE, TRUNCATE ledger_node",
            "ledger_checkpoint,  UPDATE,   UPDATE ledger_checkpoint SET note = 'forged'",
            "ledger_checkpoint,  DELETE,   DELETE FROM ledger_checkpoint",
            "ledger_checkpoint,  TRUNCATE, TRUNCATE ledger_checkpoint"
    })
    void theTriggersRefuseChangesOnTheApplicationsConnection(String table, String operation, String sql) {
        reportIncident(2);
        admitter.catchUpAndCheckpoint();
        assertThat(jdbc.queryForObject("SHOW session_replication_role", String.class)).isEqualTo("origin");
        String before = fingerprint(table);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class)).isPositive();

        assertThatThrownBy(() -> jdbc.execute(sql))
                .isInstanceOf(DataAccessException.class)
                .satisfies(refused -> {
                    Throwable cause = ((DataAccessException) refused).getMostSpecificCause();
                    assertThat(cause).isInstanceOf(SQLException.class);
                    assertThat(((SQLException) cause).getSQLState()).isEqualTo("42501");
                    assertThat(cause.getMessage())
                            .contains("the ledger is append-only: " + operation + " on " + table + " is refused");
                });

        assertThat(fingerprint(table)).isEqualTo(before);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. each kind of damage, at its exact place

    @ParameterizedTest(name = "an edited {0} is reported as EVENT_ALTERED at its sequence")
    @ValueSource(strings = {"payload", "meta_data", "time_stamp", "payload_type"})
    void anEditedEventColumnIsReportedAsAlteredAtItsSequence(String column) {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        StoredEvent edited = event(incident, 1);
        String change = switch (column) {
            case "payload" -> "payload = set_byte(payload, length(payload) / 2, get_byte(payload, length(payload) / 2) # 1)";
            case "meta_data" -> "meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), '" + ACTOR
                    + "', 'someone-else'), 'UTF8')";
            case "time_stamp" -> "time_stamp = '2001-02-03T04:05:06Z'";
            case "payload_type" -> "payload_type = 'io.incidentledger.incident.api.IncidentAcknowledged'";
            default -> throw new IllegalArgumentException(column);
        };

        try (Damage damage = new Damage()) {
            assertThat(damage.sql("UPDATE domain_event_entry SET " + change + " WHERE global_index = ?",
                    edited.globalIndex())).isEqualTo(1);

            String expected = at(Finding.Kind.EVENT_ALTERED, incident, 1, edited.globalIndex(), null);
            assertThat(storeFindings()).containsExactly(expected);
            assertThat(aggregateFindings(incident)).containsExactly(expected);
        }
    }

    @Test
    void aDeletedMiddleEventBreaksTheChainAtTheNextSequenceAndIsMissingFromItsLeaf() {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        StoredEvent deleted = event(incident, 1);
        StoredEvent next = event(incident, 2);
        long leaf = leafIndex(incident, 1);

        try (Damage damage = new Damage()) {
            assertThat(damage.sql("DELETE FROM domain_event_entry WHERE global_index = ?", deleted.globalIndex()))
                    .isEqualTo(1);

            Set<String> expected = Set.of(
                    at(Finding.Kind.SEQUENCE_GAP, incident, 2, next.globalIndex(), null),
                    at(Finding.Kind.CHAIN_BROKEN, incident, 2, next.globalIndex(), null),
                    at(Finding.Kind.LOGGED_EVENT_MISSING, incident, 1, deleted.globalIndex(), leaf));
            assertThat(storeFindings()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(aggregateFindings(incident)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void anInsertedForgedEventWithAValidHashButTheWrongPredecessorBreaksTheChain() {
        IncidentId incident = reportIncident(2);
        admitter.catchUpAndCheckpoint();
        StoredEvent model = event(incident, 2);
        byte[] wrongPredecessor = event(incident, 1).entryHash();
        String identifier = UUID.randomUUID().toString();
        byte[] payload = new String(model.payload(), StandardCharsets.UTF_8)
                .replace("note 2", "a forged note").getBytes(StandardCharsets.UTF_8);
        byte[] hash = EventHash.of(identifier, model.aggregateIdentifier(), model.type(), 3, model.timeStamp(),
                model.payloadType(), model.payloadRevision(), payload, model.metaData(), wrongPredecessor);

        try (Damage damage = new Damage()) {
            damage.sql("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data, prev_hash, entry_hash)
                    VALUES (?, ?, 3, ?, ?, ?, ?, ?, ?, ?, ?)""", identifier, model.aggregateIdentifier(),
                    model.type(), model.timeStamp(), model.payloadType(), model.payloadRevision(), payload,
                    model.metaData(), wrongPredecessor, hash);
            StoredEvent forged = event(incident, 3);
            assertThat(forged.expectedHash()).as("the forged event's own hash is valid").isEqualTo(hash);

            String expected = at(Finding.Kind.CHAIN_BROKEN, incident, 3, forged.globalIndex(), null);
            assertThat(storeFindings()).containsExactly(expected);
            assertThat(aggregateFindings(incident)).containsExactly(expected);
        }
    }

    @Test
    void twoEventsWithSwappedSequenceNumbersAreReportedAtBothSequences() {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        StoredEvent first = event(incident, 1);
        StoredEvent second = event(incident, 2);
        StoredEvent third = event(incident, 3);

        try (Damage damage = new Damage()) {
            // one row at a time: the unique key on (aggregate, sequence) is checked per row
            damage.sql("UPDATE domain_event_entry SET sequence_number = -1 WHERE global_index = ?", first.globalIndex());
            damage.sql("UPDATE domain_event_entry SET sequence_number = 1 WHERE global_index = ?", second.globalIndex());
            damage.sql("UPDATE domain_event_entry SET sequence_number = 2 WHERE global_index = ?", first.globalIndex());

            // at 1 now stands the former #2, at 2 the former #1; the former #3 no longer follows its predecessor
            Set<String> expected = Set.of(
                    at(Finding.Kind.EVENT_ALTERED, incident, 1, second.globalIndex(), null),
                    at(Finding.Kind.CHAIN_BROKEN, incident, 1, second.globalIndex(), null),
                    at(Finding.Kind.EVENT_ALTERED, incident, 2, first.globalIndex(), null),
                    at(Finding.Kind.CHAIN_BROKEN, incident, 2, first.globalIndex(), null),
                    at(Finding.Kind.CHAIN_BROKEN, incident, 3, third.globalIndex(), null),
                    // the leaves still name the events by their original sequence numbers
                    at(Finding.Kind.LOGGED_EVENT_MISSING, incident, 1, first.globalIndex(), leafIndex(incident, 1)),
                    at(Finding.Kind.LOGGED_EVENT_MISSING, incident, 2, second.globalIndex(), leafIndex(incident, 2)));
            assertThat(storeFindings()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(aggregateFindings(incident)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aTailCutFromAnIncidentIsMissingFromItsLeaves() {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        StoredEvent third = event(incident, 2);
        StoredEvent fourth = event(incident, 3);

        try (Damage damage = new Damage()) {
            assertThat(damage.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND sequence_number >= 2", incident.value())).isEqualTo(2);

            Set<String> expected = Set.of(
                    at(Finding.Kind.LOGGED_EVENT_MISSING, incident, 2, third.globalIndex(), leafIndex(incident, 2)),
                    at(Finding.Kind.LOGGED_EVENT_MISSING, incident, 3, fourth.globalIndex(), leafIndex(incident, 3)));
            assertThat(storeFindings()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(aggregateFindings(incident)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aTailCutFromAnIncidentTogetherWithItsLeavesIsReportedAsATruncatedLog() {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        long size = ledgerLog.size();
        assertThat(leafIndex(incident, 3)).as("the incident's events are the newest leaves").isEqualTo(size - 1);
        assertThat(verification.verifyStore().findings()).as("clean before the damage").isEmpty();
        assertThat(witnessSize()).isEqualTo(size);

        try (Damage damage = new Damage()) {
            assertThat(damage.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND sequence_number >= 2", incident.value())).isEqualTo(2);
            assertThat(damage.sql("DELETE FROM ledger_leaf WHERE leaf_index >= ?", size - 2)).isEqualTo(2);

            // against both the stored checkpoint and the witness of `size` leaves
            List<Finding> findings = verification.verifyStore().findings();
            assertThat(findings).isNotEmpty().allSatisfy(finding -> {
                assertThat(finding.kind()).isEqualTo(Finding.Kind.LOG_TRUNCATED);
                assertThat(finding.leafIndex()).isEqualTo(size - 2);
            });
            assertThat(findings).extracting(Finding::detail)
                    .anyMatch(detail -> detail.contains("a checkpoint names " + size + " leaves"))
                    .anyMatch(detail -> detail.contains("was verified before"));
        }
    }

    @Test
    void anEventSlippedInBelowTheAdmittersLowWaterMarkIsReportedAsNotInTheLog() {
        IncidentId incident = reportIncident(1);
        admitter.catchUpAndCheckpoint();
        admitter.catchUpAndCheckpoint();
        StoredEvent last = event(incident, 1);
        String identifier = UUID.randomUUID().toString();
        byte[] hash = EventHash.of(identifier, last.aggregateIdentifier(), last.type(), 2, last.timeStamp(),
                last.payloadType(), last.payloadRevision(), last.payload(), last.metaData(), last.entryHash());

        try (Damage damage = new Damage()) {
            damage.sql("""
                    INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,
                        sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data,
                        prev_hash, entry_hash)
                    VALUES (0, ?, ?, 2, ?, ?, ?, ?, ?, ?, ?, ?)""", identifier, last.aggregateIdentifier(),
                    last.type(), last.timeStamp(), last.payloadType(), last.payloadRevision(), last.payload(),
                    last.metaData(), last.entryHash(), hash);

            String expected = at(Finding.Kind.EVENT_NOT_IN_LOG, incident, 2, 0L, null);
            assertThat(storeFindings()).containsExactly(expected);
            assertThat(aggregateFindings(incident)).containsExactly(expected);
        } finally {
            try (Damage cleanup = new Damage()) {
                cleanup.sql("DELETE FROM domain_event_entry WHERE global_index = 0");
            }
        }
    }

    @Test
    void aLeafRelabelledToNameAnotherEventIsReported() {
        IncidentId incident = reportIncident(1);
        admitter.catchUpAndCheckpoint();
        long leaf = leafIndex(incident, 1);

        try (Damage damage = new Damage()) {
            damage.sql("UPDATE ledger_leaf SET sequence_number = 7 WHERE leaf_index = ?", leaf);

            assertThat(storeFindings()).containsExactly(
                    at(Finding.Kind.LOGGED_EVENT_MISSING, incident, 7, event(incident, 1).globalIndex(), leaf));
        }
    }

    @Test
    void aLeafRemovedFromTheMiddleOfTheLogIsReportedWhereItWas() {
        IncidentId incident = reportIncident(1);
        reportIncident(1);
        admitter.catchUpAndCheckpoint();
        long leaf = leafIndex(incident, 1);
        Map<String, Object> next = jdbc.queryForMap("SELECT aggregate_identifier, sequence_number, global_index"
                + " FROM ledger_leaf WHERE leaf_index = ?", leaf + 1);

        try (Damage damage = new Damage()) {
            damage.sql("DELETE FROM ledger_leaf WHERE leaf_index = ?", leaf);

            // the whole-store pass reads the leaves in their events' order, and in leaf order once one is out of it
            assertThat(storeFindings()).contains(
                    format(Finding.Kind.LOG_ROOT_MISMATCH, (String) next.get("aggregate_identifier"),
                            (Number) next.get("sequence_number"), (Number) next.get("global_index"), leaf),
                    at(Finding.Kind.EVENT_NOT_IN_LOG, incident, 1, event(incident, 1).globalIndex(), null));
        }
    }

    @Test
    void twoLeavesThatExchangedTheirEventsAreBothReported() {
        IncidentId incident = reportIncident(1);
        admitter.catchUpAndCheckpoint();
        long first = leafIndex(incident, 0);
        long second = leafIndex(incident, 1);
        StoredEvent opened = event(incident, 0);
        StoredEvent next = event(incident, 1);

        try (Damage damage = new Damage()) {
            // each leaf names the other's event, whole and with its hash: the log's order is no longer the events'
            damage.sql("UPDATE ledger_leaf SET leaf_index = -1 WHERE leaf_index = ?", first);
            damage.sql("UPDATE ledger_leaf SET leaf_index = ? WHERE leaf_index = ?", first, second);
            damage.sql("UPDATE ledger_leaf SET leaf_index = ? WHERE leaf_index = -1", second);

            List<Finding> findings = verification.verifyStore().findings();
            assertThat(findings).extracting(LedgerTamperTest::at).contains(
                    at(Finding.Kind.LOG_ROOT_MISMATCH, incident, 1, next.globalIndex(), first),
                    at(Finding.Kind.LOG_ROOT_MISMATCH, incident, 0, opened.globalIndex(), second));
            // walked in leaf order: every leaf is there, none is reported missing
            assertThat(findings).extracting(Finding::detail).noneMatch(detail -> detail.contains("missing"));
        }
    }

    @Test
    void anIncidentsOwnVerificationSeesTheLogCutBehindItsNewestCheckpoint() {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        long size = ledgerLog.size();

        try (Damage damage = new Damage()) {
            damage.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number >= 2",
                    incident.value());
            damage.sql("DELETE FROM ledger_leaf WHERE leaf_index >= ?", size - 2);

            assertThat(aggregateFindings(incident)).contains(
                    at(Finding.Kind.LOG_TRUNCATED, null, null, null, size - 2));
        }
    }

    @Test
    void aRemovedIncidentIsMissingFromEveryOneOfItsLeaves() {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        List<StoredEvent> events = storedEvents.ofAggregate(incident.value());
        assertThat(events).hasSize(4);

        try (Damage damage = new Damage()) {
            assertThat(damage.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", incident.value()))
                    .isEqualTo(4);

            Set<String> expected = events.stream()
                    .map(event -> at(Finding.Kind.LOGGED_EVENT_MISSING, incident, event.sequenceNumber(),
                            event.globalIndex(), leafIndex(incident, event.sequenceNumber())))
                    .collect(Collectors.toSet());
            assertThat(storeFindings()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(aggregateFindings(incident)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aConsistentlyRewrittenChainIsCaughtByTheLog() {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        List<StoredEvent> events = storedEvents.ofAggregate(incident.value());

        try (Damage damage = new Damage()) {
            byte[] previous = events.get(0).entryHash();
            for (StoredEvent event : events.subList(1, events.size())) {
                byte[] payload = event.sequenceNumber() == 1
                        ? new String(event.payload(), StandardCharsets.UTF_8).replace("note 1", "nothing happened")
                                .getBytes(StandardCharsets.UTF_8)
                        : event.payload();
                byte[] hash = EventHash.of(event.eventIdentifier(), event.aggregateIdentifier(), event.type(),
                        event.sequenceNumber(), event.timeStamp(), event.payloadType(), event.payloadRevision(),
                        payload, event.metaData(), previous);
                damage.sql("UPDATE domain_event_entry SET payload = ?, prev_hash = ?, entry_hash = ? "
                        + "WHERE global_index = ?", payload, previous, hash, event.globalIndex());
                previous = hash;
            }
            assertThat(new String(event(incident, 1).payload(), StandardCharsets.UTF_8)).contains("nothing happened");
            assertThat(chainVerifier.verifyAggregate(incident.value())).as("the rewritten chain verifies").isEmpty();

            Set<String> expected = events.subList(1, events.size()).stream()
                    .map(event -> at(Finding.Kind.LOGGED_EVENT_MISSING, incident, event.sequenceNumber(),
                            event.globalIndex(), leafIndex(incident, event.sequenceNumber())))
                    .collect(Collectors.toSet());
            assertThat(storeFindings()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(aggregateFindings(incident)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(verification.verifyStore().findings()).extracting(Finding::detail)
                    .allMatch(detail -> detail.contains("no longer has the entry hash the log holds"));
        }
    }

    @Test
    void anEditedLogNodeNoLongerMatchesTheCheckpoint() {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        StoredEvent event = event(incident, 1);
        long leaf = leafIndex(incident, 1);
        boolean parentStored = jdbc.queryForObject(
                "SELECT count(*) FROM ledger_node WHERE level = 1 AND node_index = ?", Long.class, leaf / 2) == 1;

        try (Damage damage = new Damage()) {
            assertThat(damage.sql("UPDATE ledger_node SET hash = sha256(hash) WHERE level = 0 AND node_index = ?",
                    leaf)).isEqualTo(1);

            Set<String> expected = new LinkedHashSet<>();
            expected.add(at(Finding.Kind.LOG_ROOT_MISMATCH, incident, 1, event.globalIndex(), leaf));
            if (parentStored) {
                expected.add(at(Finding.Kind.LOG_ROOT_MISMATCH, null, null, null, leaf / 2 * 2));
            }
            assertThat(storeFindings()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void anEditedLeafEntryHashNoLongerMatchesTheCheckpoint() {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        long size = ledgerLog.size();
        StoredEvent event = event(incident, 1);
        long leaf = leafIndex(incident, 1);

        try (Damage damage = new Damage()) {
            assertThat(damage.sql("UPDATE ledger_leaf SET entry_hash = sha256(entry_hash) WHERE leaf_index = ?",
                    leaf)).isEqualTo(1);

            assertThat(storeFindings()).containsExactlyInAnyOrder(
                    at(Finding.Kind.LOGGED_EVENT_MISSING, incident, 1, event.globalIndex(), leaf),
                    at(Finding.Kind.LOG_ROOT_MISMATCH, incident, 1, event.globalIndex(), leaf),
                    // the root of the checkpoint of `size` leaves, at its last leaf
                    at(Finding.Kind.LOG_ROOT_MISMATCH, null, null, null, size - 1));
            assertThat(aggregateFindings(incident))
                    .contains(at(Finding.Kind.LOGGED_EVENT_MISSING, incident, 1, event.globalIndex(), leaf));
        }
    }

    @ParameterizedTest(name = "an edited checkpoint {0} is reported as CHECKPOINT_SIGNATURE_INVALID")
    @ValueSource(strings = {"note", "root_hash"})
    void anEditedCheckpointIsReportedAsAnInvalidSignature(String column) {
        reportIncident(1);
        admitter.catchUpAndCheckpoint();
        long size = ledgerLog.size();
        assertThat(ledgerLog.latestCheckpoint()).get().extracting(LedgerLog.StoredCheckpoint::treeSize)
                .isEqualTo(size);
        String change = column.equals("note")
                ? "note = overlay(note placing '#' from 1 for 1)" // the origin line, whatever the origin
                : "root_hash = sha256(root_hash)";

        try (Damage damage = new Damage()) {
            assertThat(damage.sql("UPDATE ledger_checkpoint SET " + change + " WHERE tree_size = ?", size))
                    .isEqualTo(1);

            LedgerVerification.Report report = verification.verifyStore();
            assertThat(report.findings()).extracting(LedgerTamperTest::at)
                    .containsExactly(at(Finding.Kind.CHECKPOINT_SIGNATURE_INVALID, null, null, null, size));
            assertThat(report.checkpointSize()).as("the newest checkpoint that still verifies").isLessThan(size);
        }
    }

    @Test
    void historyRolledBackBehindTheWitnessIsReportedAsATruncatedLog() {
        reportIncident(1);
        admitter.catchUpAndCheckpoint();
        long olderSize = ledgerLog.size();
        reportIncident(2);
        admitter.catchUpAndCheckpoint();
        long newestSize = ledgerLog.size();
        assertThat(newestSize).isGreaterThan(olderSize);
        assertThat(verification.verifyStore().findings()).as("clean before the damage").isEmpty();
        assertThat(witnessSize()).isEqualTo(newestSize);

        try (Damage damage = new Damage()) {
            // a consistent older log: its leaves, nodes and checkpoints exactly as they were at olderSize
            damage.sql("DELETE FROM ledger_leaf WHERE leaf_index >= ?", olderSize);
            damage.sql("DELETE FROM ledger_node WHERE ((node_index + 1) << level) > ?", olderSize);
            damage.sql("DELETE FROM ledger_checkpoint WHERE tree_size > ?", olderSize);
            assertThat(ledgerLog.size()).isEqualTo(olderSize);

            // the log is cut back, and the events of the removed leaves are in the store but no longer in the log
            LedgerVerification.Report report = verification.verifyStore();
            assertThat(report.findings()).filteredOn(finding -> finding.kind() == Finding.Kind.LOG_TRUNCATED)
                    .isNotEmpty().allSatisfy(finding -> assertThat(finding.leafIndex()).isEqualTo(olderSize));
            assertThat(report.findings()).filteredOn(finding -> finding.kind() != Finding.Kind.LOG_TRUNCATED)
                    .hasSize((int) (newestSize - olderSize))
                    .allSatisfy(finding -> assertThat(finding.kind()).isEqualTo(Finding.Kind.EVENT_NOT_IN_LOG));
            assertThat(report.findings()).extracting(Finding::detail)
                    .anyMatch(detail -> detail.contains("a checkpoint of " + newestSize
                            + " leaves was verified before"));
            assertThat(report.checkpointSize()).isEqualTo(olderSize);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. the alarm

    @Test
    void eachFindingOpensOneCriticalLedgerTamperingIncidentHoweverOftenItIsSeen() throws Exception {
        IncidentId incident = reportIncident(3);
        admitter.catchUpAndCheckpoint();
        StoredEvent edited = event(incident, 1);
        StoredEvent deleted = event(incident, 2);
        long before = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        try (Damage damage = new Damage()) {
            damage.sql("UPDATE domain_event_entry SET payload = set_byte(payload, 3, get_byte(payload, 3) # 1) "
                    + "WHERE global_index = ?", edited.globalIndex());
            damage.sql("DELETE FROM domain_event_entry WHERE global_index = ?", deleted.globalIndex());

            List<Finding> first;
            List<Finding> second;
            // while a reader holds the damaged incident's rows (REPEATABLE READ, FOR SHARE) open
            try (Connection reader = OwnPostgresDatabase.current().connect()) {
                reader.setAutoCommit(false);
                reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (PreparedStatement read = reader.prepareStatement("SELECT payload FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number FOR SHARE")) {
                    read.setString(1, incident.value());
                    try (ResultSet rows = read.executeQuery()) {
                        int count = 0;
                        while (rows.next()) {
                            count++;
                        }
                        assertThat(count).isEqualTo(3);
                    }
                }
                first = verifyNowWithin(Duration.ofSeconds(60));
                second = verifyNowWithin(Duration.ofSeconds(60));
                reader.rollback();
            }

            Set<String> expected = Set.of(
                    at(Finding.Kind.EVENT_ALTERED, incident, 1, edited.globalIndex(), null),
                    at(Finding.Kind.SEQUENCE_GAP, incident, 3, event(incident, 3).globalIndex(), null),
                    at(Finding.Kind.CHAIN_BROKEN, incident, 3, event(incident, 3).globalIndex(), null),
                    at(Finding.Kind.LOGGED_EVENT_MISSING, incident, 2, deleted.globalIndex(),
                            leafIndex(incident, 2)));
            assertThat(first).extracting(LedgerTamperTest::at).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(second).extracting(LedgerTamperTest::at).containsExactlyInAnyOrderElementsOf(expected);

            // exactly one new incident per finding, each under the id derived from the finding's kind and place
            List<String> alarms = jdbc.queryForList("""
                    SELECT aggregate_identifier FROM domain_event_entry
                    WHERE global_index > ? AND payload_type = ?
                      AND convert_from(meta_data, 'UTF8') LIKE '%ledger-verifier%'""",
                    String.class, before, INCIDENT_REPORTED);
            Set<String> expectedIds = first.stream().map(finding -> alarmIdOf(finding).value())
                    .collect(Collectors.toSet());
            assertThat(expectedIds).hasSize(expected.size());
            assertThat(alarms).containsExactlyInAnyOrderElementsOf(expectedIds);

            for (Finding finding : first) {
                IncidentId alarm = alarmIdOf(finding);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type = ?", Long.class, alarm.value(), INCIDENT_REPORTED)).isEqualTo(1);
                IncidentView view = await().atMost(Duration.ofSeconds(20)).until(() -> findIncident(alarm),
                        Optional::isPresent).orElseThrow();
                assertThat(view.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(view.category()).isEqualTo(Category.LEDGER_TAMPERING);
                assertThat(view.source()).isEqualTo(IncidentSource.DETECTION);
                assertThat(view.title()).contains(finding.kind().name()).contains(finding.place());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** Snapshots the ledger tables, runs damage as the superuser with the triggers off, and restores on close. */
    private final class Damage implements AutoCloseable {

        private final Connection connection;
        private final byte[] witness;

        Damage() {
            try {
                connection = OwnPostgresDatabase.current().connect();
                witness = Files.exists(WITNESS) ? Files.readAllBytes(WITNESS) : null;
                try (Statement statement = connection.createStatement()) {
                    for (String table : LEDGER_TABLES) {
                        statement.execute("DROP TABLE IF EXISTS tamper_snapshot_" + table);
                        statement.execute("CREATE TABLE tamper_snapshot_" + table + " AS SELECT * FROM " + table);
                    }
                    statement.execute("SET session_replication_role = replica");
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("cannot prepare the damage", e);
            }
        }

        int sql(String sql, Object... arguments) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < arguments.length; i++) {
                    statement.setObject(i + 1, arguments[i]);
                }
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("damage failed: " + sql, e);
            }
        }

        /** REPAIR: every ledger table back to its snapshot, in one transaction; the witness file too. */
        @Override
        public void close() {
            try (connection) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    for (String table : LEDGER_TABLES) {
                        statement.execute("DELETE FROM " + table);
                        statement.execute("INSERT INTO " + table + " SELECT * FROM tamper_snapshot_" + table);
                        statement.execute("DROP TABLE tamper_snapshot_" + table);
                    }
                }
                connection.commit();
                if (witness == null) {
                    Files.deleteIfExists(WITNESS);
                } else {
                    Files.write(WITNESS, witness);
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("cannot repair the damage", e);
            }
        }
    }

    private IncidentId reportIncident(int notes) {
        IncidentId incident = IncidentId.of(UUID.randomUUID());
        send(new ReportIncident(incident, "Tamper target " + incident, "an incident to damage", Severity.HIGH,
                Category.OTHER, IncidentSource.MANUAL, null, Instant.now()));
        for (int note = 1; note <= notes; note++) {
            send(new AddNote(incident, "note " + note));
        }
        return incident;
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(ActorMetadata.ofService(ACTOR, Roles.DETECTOR)));
    }

    private StoredEvent event(IncidentId incident, long sequence) {
        return storedEvents.ofAggregate(incident.value()).stream()
                .filter(event -> event.sequenceNumber() == sequence).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + incident + "#" + sequence));
    }

    private long leafIndex(IncidentId incident, long sequence) {
        return ledgerLog.leavesOfAggregate(incident.value()).stream()
                .filter(leaf -> leaf.sequenceNumber() == sequence).findFirst()
                .orElseThrow(() -> new AssertionError("no leaf for " + incident + "#" + sequence))
                .leafIndex();
    }

    private List<String> storeFindings() {
        return verification.verifyStore().findings().stream().map(LedgerTamperTest::at).toList();
    }

    private List<String> aggregateFindings(IncidentId incident) {
        return verification.verifyAggregate(incident.value()).findings().stream().map(LedgerTamperTest::at).toList();
    }

    private static String at(Finding finding) {
        return format(finding.kind(), finding.aggregateIdentifier(), finding.sequenceNumber(), finding.globalIndex(),
                finding.leafIndex());
    }

    private static String at(Finding.Kind kind, IncidentId incident, Number sequence, Number globalIndex,
                             Number leafIndex) {
        return format(kind, incident == null ? null : incident.value(), sequence, globalIndex, leafIndex);
    }

    private static String format(Finding.Kind kind, String aggregate, Number sequence, Number globalIndex,
                                 Number leafIndex) {
        return kind + " aggregate=" + aggregate + " sequence=" + value(sequence) + " global=" + value(globalIndex)
                + " leaf=" + value(leafIndex);
    }

    private static String value(Number number) {
        return number == null ? "-" : Long.toString(number.longValue());
    }

    private static IncidentId alarmIdOf(Finding finding) {
        return TamperAlarm.incidentFor(finding);
    }

    private List<Finding> verifyNowWithin(Duration limit) throws Exception {
        LedgerVerification.Report report = CompletableFuture.supplyAsync(backgroundVerifier::verifyNow)
                .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(report).as("the verification pass (and its alarms) did not fail").isNotNull();
        assertThat(report.intact()).isFalse();
        return new ArrayList<>(report.findings());
    }

    private Optional<IncidentView> findIncident(IncidentId incident) throws Exception {
        return queries.query(new FindIncident(incident), ResponseTypes.optionalInstanceOf(IncidentView.class))
                .get(10, TimeUnit.SECONDS);
    }

    private long witnessSize() {
        try {
            // the header and its blank line, then the checkpoint note: origin, size, root
            String note = Files.readString(WITNESS, StandardCharsets.UTF_8).split("\n\n", 2)[1];
            return Long.parseLong(note.split("\n")[1]);
        } catch (IOException e) {
            throw new AssertionError("no witness file " + WITNESS, e);
        }
    }

    private String fingerprint(String table) {
        return jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') "
                + "FROM " + table + " t", String.class);
    }
}
