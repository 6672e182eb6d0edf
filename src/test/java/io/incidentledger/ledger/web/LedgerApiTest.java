package io.incidentledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.CheckpointSigner;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.witness.Cosignatures;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.verify.Finding;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.security.SecurityConfiguration;
import io.incidentledger.security.UserProperties;
import io.incidentledger.testing.TestUsers;
import io.incidentledger.web.ApiProperties;
import io.incidentledger.web.ProblemResponseWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The ledger API's contract in the web slice: the controllers with the real security chain and exception handler,
 * the ledger components mocked. Success bodies and content types, each error status with its code, and the roles.
 */
@WebMvcTest({LedgerController.class, IncidentEventsController.class})
@Import({SecurityConfiguration.class, ProblemResponseWriter.class})
@EnableConfigurationProperties({UserProperties.class, ApiProperties.class})
@MockitoBean(types = {LedgerLog.class, StoredEvents.class, LedgerVerification.class, CheckpointSigner.class,
        Cosignatures.class})
@TestPropertySource(properties = {
        "incident-ledger.api.max-request-bytes=2048",
        TestUsers.ONE_PER_ROLE,
})
class LedgerApiTest {

    static final String ID = "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13";
    static final String EVENT_ID = "0b7c2f6e-1111-4e7b-8a61-0c5d2e9f7a13";
    static final String OTHER_EVENT_ID = "0b7c2f6e-2222-4e7b-8a61-0c5d2e9f7a13";
    static final String NOTE = "incident-ledger.test/log\n8\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n"
            + "\u2014 incident-ledger.test AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrStUvWxYz012345"
            + "6789+/AbCdEfGhIjKl==\n";
    static final String NOTE_5 = "incident-ledger.test/log\n5\n...\n\n\u2014 incident-ledger.test five\n";
    static final String VERIFIER_KEY = "incident-ledger.test+12345678+AWZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZm";
    static final byte[] ENTRY = filled(0x11);
    static final byte[] SIBLING = filled(0x22);
    static final byte[] UNCLE = filled(0x33);
    static final byte[] ROOT_8 = filled(0x44);
    static final byte[] ROOT_5 = filled(0x55);
    static final byte[] ROOT_6 = filled(0x66);
    static final LedgerLog.Leaf LEAF = new LedgerLog.Leaf(3, 17, EVENT_ID, ID, 2, ENTRY);
    static final String ALL_READS = "/api/ledger/checkpoint,/api/ledger/public-key,"
            + "/api/ledger/proofs/inclusion?eventId=" + EVENT_ID + ",/api/ledger/proofs/consistency?from=5&to=8,"
            + "/api/ledger/verification,/api/ledger/verification?incidentId=" + ID + ",/api/incidents/" + ID + "/events";

    @Autowired
    MockMvc mvc;

    @Autowired
    LedgerLog ledgerLog;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    Cosignatures cosignatures;

    @Autowired
    LedgerVerification verification;

    @Autowired
    CheckpointSigner checkpointSigner;

    static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static RequestPostProcessor as(String user) {
        return httpBasic(user, user + "-pw");
    }

    static ResultMatcher problem(int status, String code) {
        return result -> {
            status().is(status).match(result);
            content().contentType(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.status").value(status).match(result);
            jsonPath("$.code").value(code).match(result);
            jsonPath("$.type").value("urn:incident-ledger:problem:" + code).match(result);
        };
    }

    static ResultMatcher plainUtf8Text(String body) {
        return result -> {
            status().isOk().match(result);
            MediaType type = MediaType.parseMediaType(result.getResponse().getContentType());
            assertThat(type.isCompatibleWith(MediaType.TEXT_PLAIN)).as("content type %s", type).isTrue();
            assertThat(type.getCharset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(body);
        };
    }

    static StoredEvent event(long sequence, String eventId, String payloadType, String metaData, byte[] previous,
                             byte[] entry) {
        return new StoredEvent(40 + sequence, eventId, ID, sequence, "Incident", "2026-03-01T12:00:0" + sequence + "Z",
                payloadType, null, "{}".getBytes(StandardCharsets.UTF_8),
                metaData == null ? null : metaData.getBytes(StandardCharsets.UTF_8), previous, entry);
    }

    /** A log of 8 leaves with checkpoints of sizes 5 and 8; the event of {@link #LEAF} is leaf 3. */
    @BeforeEach
    void aLogOfEightLeaves() {
        // no witness has cosigned: every checkpoint is served as the log signed it
        when(cosignatures.cosignedNote(any())).thenAnswer(call -> call.<LedgerLog.StoredCheckpoint>getArgument(0)
                .note());
        when(ledgerLog.size()).thenReturn(8L);
        when(ledgerLog.latestCheckpoint()).thenReturn(Optional.of(new LedgerLog.StoredCheckpoint(8, ROOT_8, NOTE)));
        when(ledgerLog.checkpoint(anyLong())).thenReturn(Optional.empty());
        when(ledgerLog.checkpoint(8)).thenReturn(Optional.of(new LedgerLog.StoredCheckpoint(8, ROOT_8, NOTE)));
        when(ledgerLog.checkpoint(5)).thenReturn(Optional.of(new LedgerLog.StoredCheckpoint(5, ROOT_5, NOTE_5)));
        when(ledgerLog.root(8)).thenReturn(ROOT_8);
        when(ledgerLog.root(5)).thenReturn(ROOT_5);
        when(ledgerLog.root(6)).thenReturn(ROOT_6);
        when(ledgerLog.leafOfEvent(anyString())).thenReturn(Optional.empty());
        when(ledgerLog.leafOfEvent(EVENT_ID)).thenReturn(Optional.of(LEAF));
        when(ledgerLog.inclusionProof(3, 8)).thenReturn(List.of(SIBLING, UNCLE));
        when(ledgerLog.inclusionProof(3, 6)).thenReturn(List.of(UNCLE));
        when(ledgerLog.consistencyProof(5, 8)).thenReturn(List.of(SIBLING, UNCLE));
        when(ledgerLog.consistencyProof(5, 5)).thenReturn(List.of());
        when(checkpointSigner.verifierKey()).thenReturn(VERIFIER_KEY);
        when(storedEvents.byIdentifier(anyString())).thenReturn(Optional.empty());
        when(storedEvents.ofAggregate(anyString())).thenReturn(List.of());
        when(storedEvents.ofAggregate(ID)).thenReturn(List.of(
                event(0, EVENT_ID, "io.incidentledger.incident.api.IncidentReported",
                        "{\"actor\":\"alice\",\"actorType\":\"USER\",\"actorRoles\":\"COMMANDER,RESPONDER\","
                                + "\"traceId\":\"t-1\"}", EventHash.GENESIS, ENTRY),
                event(1, OTHER_EVENT_ID, "io.incidentledger.incident.api.IncidentAcknowledged", "{\"other\":1}",
                        ENTRY, SIBLING)));
        when(ledgerLog.leavesOfAggregate(ID)).thenReturn(List.of(new LedgerLog.Leaf(3, 40, EVENT_ID, ID, 0, ENTRY)));
        LedgerVerification.Report intact = new LedgerVerification.Report(true, Instant.parse("2026-03-01T12:00:00Z"),
                2, 1, 8L, List.of());
        when(verification.verifyStore()).thenReturn(intact);
        when(verification.verifyAggregate(anyString())).thenReturn(new LedgerVerification.Report(true,
                Instant.parse("2026-03-01T12:00:00Z"), 0, 0, 8L, List.of()));
        when(verification.verifyAggregate(ID)).thenReturn(intact);
    }

    // --- checkpoint and key ---

    @Test
    void checkpointIsTheExactStoredNoteAsUtf8Text() throws Exception {
        mvc.perform(get("/api/ledger/checkpoint").with(as("regulator")))
                .andExpect(plainUtf8Text(NOTE));
    }

    @Test
    void checkpointCarriesTheWitnessesCosignatureLinesAfterTheLogsOwn() throws Exception {
        String line = "\u2014 witness.example/w1 aa5Y9QAAAABrFRYAkLBfcAWLLClTpz9mD1wE02PBr2gRNOAlNHzDBvIVro18Ab1m0YTgerZ5"
                + "AixfhTnG14KNgY5Akd4gFVscqPmGCg==\n";
        doAnswer(call -> call.<LedgerLog.StoredCheckpoint>getArgument(0).note() + line).when(cosignatures)
                .cosignedNote(any());

        mvc.perform(get("/api/ledger/checkpoint").with(as("regulator")))
                .andExpect(plainUtf8Text(NOTE + line));
        mvc.perform(get("/api/ledger/checkpoint?treeSize=5").with(as("regulator")))
                .andExpect(plainUtf8Text(NOTE_5 + line));
        mvc.perform(get("/api/ledger/checkpoint?treeSize=6").with(as("regulator")))
                .andExpect(problem(404, "no-checkpoint"));
    }

    @Test
    void checkpointAnswersAnAcceptOfTextPlain() throws Exception {
        mvc.perform(get("/api/ledger/checkpoint").with(as("regulator")).accept(MediaType.TEXT_PLAIN))
                .andExpect(plainUtf8Text(NOTE));
    }

    @Test
    void noCheckpointYetIsA404() throws Exception {
        when(ledgerLog.latestCheckpoint()).thenReturn(Optional.empty());

        mvc.perform(get("/api/ledger/checkpoint").with(as("regulator")))
                .andExpect(problem(404, "no-checkpoint"));
    }

    @Test
    void publicKeyIsTheVerifierKeyAsText() throws Exception {
        mvc.perform(get("/api/ledger/public-key").with(as("admin")))
                .andExpect(plainUtf8Text(VERIFIER_KEY));
    }

    // --- inclusion proofs ---

    @Test
    void inclusionProofAtAnExplicitCheckpointSizeHasHexHashesAndTheNote() throws Exception {
        mvc.perform(get("/api/ledger/proofs/inclusion").param("eventId", EVENT_ID).param("treeSize", "8")
                        .with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.eventId").value(EVENT_ID))
                .andExpect(jsonPath("$.aggregateIdentifier").value(ID))
                .andExpect(jsonPath("$.sequenceNumber").value(2))
                .andExpect(jsonPath("$.leafIndex").value(3))
                .andExpect(jsonPath("$.treeSize").value(8))
                .andExpect(jsonPath("$.leafData").value(hex(ENTRY)))
                .andExpect(jsonPath("$.leafHash").value(hex(MerkleHashes.leafHash(ENTRY))))
                .andExpect(jsonPath("$.rootHash").value(hex(ROOT_8)))
                .andExpect(jsonPath("$.path", contains(hex(SIBLING), hex(UNCLE))))
                .andExpect(jsonPath("$.checkpoint").value(NOTE));
    }

    @Test
    void inclusionProofDefaultsToTheNewestCheckpoint() throws Exception {
        mvc.perform(get("/api/ledger/proofs/inclusion").param("eventId", EVENT_ID).with(as("commander")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.treeSize").value(8))
                .andExpect(jsonPath("$.rootHash").value(hex(ROOT_8)))
                .andExpect(jsonPath("$.checkpoint").value(NOTE));

        verify(ledgerLog).inclusionProof(3, 8);
    }

    @Test
    void inclusionProofAtASizeWithoutCheckpointHasANullNote() throws Exception {
        mvc.perform(get("/api/ledger/proofs/inclusion").param("eventId", EVENT_ID).param("treeSize", "6")
                        .with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.treeSize").value(6))
                .andExpect(jsonPath("$.rootHash").value(hex(ROOT_6)))
                .andExpect(jsonPath("$.path", contains(hex(UNCLE))))
                .andExpect(jsonPath("$.checkpoint").value(nullValue()));
    }

    @Test
    void inclusionProofOfAnUnknownEventIsA404() throws Exception {
        mvc.perform(get("/api/ledger/proofs/inclusion").param("eventId", "nope").with(as("regulator")))
                .andExpect(problem(404, "event-not-found"));
    }

    @Test
    void inclusionProofOfAStoredEventNotYetAdmittedIsA404() throws Exception {
        when(storedEvents.byIdentifier(OTHER_EVENT_ID)).thenReturn(Optional.of(event(1, OTHER_EVENT_ID,
                "io.incidentledger.incident.api.IncidentAcknowledged", "{}", ENTRY, SIBLING)));

        mvc.perform(get("/api/ledger/proofs/inclusion").param("eventId", OTHER_EVENT_ID).with(as("regulator")))
                .andExpect(problem(404, "event-not-in-log"));
    }

    @Test
    void inclusionProofOfALeafNewerThanTheNewestCheckpointIsA404WhenNoSizeIsGiven() throws Exception {
        when(ledgerLog.latestCheckpoint()).thenReturn(Optional.of(new LedgerLog.StoredCheckpoint(3, ROOT_5, NOTE_5)));

        mvc.perform(get("/api/ledger/proofs/inclusion").param("eventId", EVENT_ID).with(as("regulator")))
                .andExpect(problem(404, "event-not-in-checkpoint"));
    }

    @Test
    void inclusionProofWithoutAnyCheckpointIsA404WhenNoSizeIsGiven() throws Exception {
        when(ledgerLog.latestCheckpoint()).thenReturn(Optional.empty());

        mvc.perform(get("/api/ledger/proofs/inclusion").param("eventId", EVENT_ID).with(as("regulator")))
                .andExpect(problem(404, "no-checkpoint"));
    }

    @ParameterizedTest(name = "treeSize {0} is refused")
    @ValueSource(strings = {"0", "-1", "9", "3", "1"})
    void inclusionProofAtAnImpossibleTreeSizeIsA422(String treeSize) throws Exception {
        mvc.perform(get("/api/ledger/proofs/inclusion").param("eventId", EVENT_ID).param("treeSize", treeSize)
                        .with(as("regulator")))
                .andExpect(problem(422, "invalid-tree-size"));

        verify(ledgerLog, never()).inclusionProof(anyLong(), anyLong());
    }

    @Test
    void inclusionProofWithANonNumericTreeSizeIsA422() throws Exception {
        mvc.perform(get("/api/ledger/proofs/inclusion").param("eventId", EVENT_ID).param("treeSize", "many")
                        .with(as("regulator")))
                .andExpect(problem(422, "invalid-parameter"));
    }

    @Test
    void inclusionProofWithoutEventIdIsA400() throws Exception {
        mvc.perform(get("/api/ledger/proofs/inclusion").with(as("regulator")))
                .andExpect(problem(400, "malformed-request"));
    }

    // --- consistency proofs ---

    @Test
    void consistencyProofBetweenTwoCheckpointsHasHexHashesAndBothNotes() throws Exception {
        mvc.perform(get("/api/ledger/proofs/consistency").param("from", "5").param("to", "8").with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.fromSize").value(5))
                .andExpect(jsonPath("$.toSize").value(8))
                .andExpect(jsonPath("$.fromRoot").value(hex(ROOT_5)))
                .andExpect(jsonPath("$.toRoot").value(hex(ROOT_8)))
                .andExpect(jsonPath("$.path", contains(hex(SIBLING), hex(UNCLE))))
                .andExpect(jsonPath("$.fromCheckpoint").value(NOTE_5))
                .andExpect(jsonPath("$.toCheckpoint").value(NOTE));
    }

    @Test
    void consistencyProofToTheNewestCheckpointByDefault() throws Exception {
        mvc.perform(get("/api/ledger/proofs/consistency").param("from", "5").with(as("admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.toSize").value(8))
                .andExpect(jsonPath("$.toCheckpoint").value(NOTE));
    }

    @Test
    void consistencyProofOfEqualSizesIsEmptyAndSizesWithoutCheckpointHaveNullNotes() throws Exception {
        when(ledgerLog.checkpoint(5)).thenReturn(Optional.empty());

        mvc.perform(get("/api/ledger/proofs/consistency").param("from", "5").param("to", "5").with(as("admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.path").isEmpty())
                .andExpect(jsonPath("$.fromRoot").value(hex(ROOT_5)))
                .andExpect(jsonPath("$.toRoot").value(hex(ROOT_5)))
                .andExpect(jsonPath("$.fromCheckpoint").value(nullValue()))
                .andExpect(jsonPath("$.toCheckpoint").value(nullValue()));
    }

    @ParameterizedTest(name = "from {0} to {1} is refused")
    @CsvSource({"0,8", "-2,8", "6,5", "5,9", "9,9"})
    void consistencyProofBetweenImpossibleSizesIsA422(String from, String to) throws Exception {
        mvc.perform(get("/api/ledger/proofs/consistency").param("from", from).param("to", to).with(as("regulator")))
                .andExpect(problem(422, "invalid-tree-size"));

        verify(ledgerLog, never()).consistencyProof(anyLong(), anyLong());
    }

    // --- verification ---

    @Test
    void verificationWithoutIncidentVerifiesTheWholeStore() throws Exception {
        mvc.perform(get("/api/ledger/verification").with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.verifiedAt").value("2026-03-01T12:00:00Z"))
                .andExpect(jsonPath("$.eventsChecked").value(2))
                .andExpect(jsonPath("$.leavesChecked").value(1))
                .andExpect(jsonPath("$.checkpointSize").value(8))
                .andExpect(jsonPath("$.findings").isEmpty());

        verify(verification).verifyStore();
        verify(verification, never()).verifyAggregate(anyString());
    }

    @Test
    void verificationOfAnIncidentReportsItsFindingsWithTheirPlace() throws Exception {
        String upperCase = ID.toUpperCase();
        when(verification.verifyAggregate(ID)).thenReturn(new LedgerVerification.Report(false,
                Instant.parse("2026-03-01T12:00:00Z"), 2, 1, null, List.of(new Finding(Finding.Kind.EVENT_ALTERED,
                ID, 1L, 41L, 4L, "the stored columns no longer hash to the entry hash"))));

        mvc.perform(get("/api/ledger/verification").param("incidentId", upperCase).with(as("commander")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.checkpointSize").value(nullValue()))
                .andExpect(jsonPath("$.findings[0].kind").value("EVENT_ALTERED"))
                .andExpect(jsonPath("$.findings[0].place")
                        .value("aggregate " + ID + " sequence 1, global index 41, leaf 4"))
                .andExpect(jsonPath("$.findings[0].aggregateIdentifier").value(ID))
                .andExpect(jsonPath("$.findings[0].sequenceNumber").value(1))
                .andExpect(jsonPath("$.findings[0].globalIndex").value(41))
                .andExpect(jsonPath("$.findings[0].leafIndex").value(4))
                .andExpect(jsonPath("$.findings[0].detail").value("the stored columns no longer hash to the entry hash"));

        verify(verification).verifyAggregate(ID);
    }

    @Test
    void verificationOfAnIncidentWhoseEventsAreGoneStillReportsTheLeavesLeftBehind() throws Exception {
        when(verification.verifyAggregate(ID)).thenReturn(new LedgerVerification.Report(false,
                Instant.parse("2026-03-01T12:00:00Z"), 0, 0, 8L, List.of(new Finding(
                Finding.Kind.LOGGED_EVENT_MISSING, ID, 0L, 40L, 3L, "gone"))));

        mvc.perform(get("/api/ledger/verification").param("incidentId", ID).with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.findings[0].kind").value("LOGGED_EVENT_MISSING"));
    }

    @Test
    void verificationOfAnUnknownIncidentIsA404() throws Exception {
        mvc.perform(get("/api/ledger/verification").param("incidentId", "11111111-2222-4333-8444-555555555555")
                        .with(as("regulator")))
                .andExpect(problem(404, "incident-not-found"));
    }

    @ParameterizedTest(name = "incident id \"{0}\" is not found")
    @ValueSource(strings = {"not-a-uuid", "1-2-3-4-5", "../events"})
    void verificationOfSomethingThatIsNoIncidentIdIsA404(String incidentId) throws Exception {
        mvc.perform(get("/api/ledger/verification").param("incidentId", incidentId).with(as("regulator")))
                .andExpect(problem(404, "incident-not-found"));

        verifyNoInteractions(verification);
    }

    // --- events ---

    @Test
    void eventsAreListedInSequenceOrderWithActorHashesAndLeaf() throws Exception {
        mvc.perform(get("/api/incidents/" + ID + "/events").with(as("regulator")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].sequence").value(0))
                .andExpect(jsonPath("$[0].eventId").value(EVENT_ID))
                .andExpect(jsonPath("$[0].type").value("IncidentReported"))
                .andExpect(jsonPath("$[0].payloadType").value("io.incidentledger.incident.api.IncidentReported"))
                .andExpect(jsonPath("$[0].revision").value(nullValue()))
                .andExpect(jsonPath("$[0].timestamp").value("2026-03-01T12:00:00Z"))
                .andExpect(jsonPath("$[0].globalIndex").value(40))
                .andExpect(jsonPath("$[0].actor").value("alice"))
                .andExpect(jsonPath("$[0].actorType").value("USER"))
                .andExpect(jsonPath("$[0].actorRoles").value("COMMANDER,RESPONDER"))
                .andExpect(jsonPath("$[0].entryHash").value(hex(ENTRY)))
                .andExpect(jsonPath("$[0].previousHash").value(hex(EventHash.GENESIS)))
                .andExpect(jsonPath("$[0].leafIndex").value(3))
                .andExpect(jsonPath("$[1].sequence").value(1))
                .andExpect(jsonPath("$[1].type").value("IncidentAcknowledged"))
                .andExpect(jsonPath("$[1].actor").value("unknown"))
                .andExpect(jsonPath("$[1].actorType").value("unknown"))
                .andExpect(jsonPath("$[1].actorRoles").value("unknown"))
                .andExpect(jsonPath("$[1].previousHash").value(hex(ENTRY)))
                .andExpect(jsonPath("$[1].entryHash").value(hex(SIBLING)))
                .andExpect(jsonPath("$[1].leafIndex").value(nullValue()));
    }

    @Test
    void eventsWithUnreadableOrMissingMetadataHaveAnUnknownActor() throws Exception {
        when(storedEvents.ofAggregate(ID)).thenReturn(List.of(
                event(0, EVENT_ID, "Plain", "not json{", EventHash.GENESIS, ENTRY),
                event(1, OTHER_EVENT_ID, "a.b.Outer$Inner", null, ENTRY, SIBLING)));

        MvcResult result = mvc.perform(get("/api/incidents/" + ID + "/events").with(as("admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].type").value("Plain"))
                .andExpect(jsonPath("$[0].actor").value("unknown"))
                .andExpect(jsonPath("$[1].type").value("Inner"))
                .andExpect(jsonPath("$[1].actorRoles").value("unknown"))
                .andReturn();
        assertThat(result.getResponse().getContentAsString()).doesNotContain("not json");
    }

    @Test
    void eventsOfAnUnknownIncidentAreA404() throws Exception {
        mvc.perform(get("/api/incidents/11111111-2222-4333-8444-555555555555/events").with(as("regulator")))
                .andExpect(problem(404, "incident-not-found"));
    }

    @Test
    void eventsOfSomethingThatIsNoIncidentIdAreA404() throws Exception {
        mvc.perform(get("/api/incidents/not-a-uuid/events").with(as("regulator")))
                .andExpect(problem(404, "incident-not-found"));

        verifyNoInteractions(storedEvents);
    }

    // --- roles ---

    @ParameterizedTest(name = "{0} may read the ledger")
    @ValueSource(strings = {"regulator", "commander", "admin"})
    void regulatorCommanderAndAdminMayReadEveryLedgerEndpoint(String user) throws Exception {
        for (String path : ALL_READS.split(",")) {
            mvc.perform(get(path).with(as(user))).andExpect(status().isOk());
        }
    }

    @ParameterizedTest(name = "{0} may not read the ledger")
    @ValueSource(strings = {"responder", "detector"})
    void responderAndDetectorAreForbidden(String user) throws Exception {
        for (String path : ALL_READS.split(",")) {
            mvc.perform(get(path).with(as(user))).andExpect(problem(403, "forbidden"));
        }
        verifyNoInteractions(ledgerLog, storedEvents, verification, checkpointSigner);
    }

    @Test
    void anonymousRequestsAreUnauthenticated() throws Exception {
        for (String path : ALL_READS.split(",")) {
            mvc.perform(get(path))
                    .andExpect(problem(401, "unauthenticated"))
                    .andExpect(header().string("WWW-Authenticate", "Basic realm=\"incident-ledger\""));
        }
        verifyNoInteractions(ledgerLog, storedEvents, verification, checkpointSigner);
    }

    @Test
    void theLedgerIsReadOnly() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/ledger/checkpoint")
                        .with(as("admin")))
                .andExpect(problem(405, "method-not-allowed"));
    }
}
