package io.incidentledger.ledger.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentledger.ledger.log.NoteSigner;
import io.incidentledger.testing.OfflineRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The offline verifier accepts an intact bundle and names the first place where a tampered one goes wrong. */
class OfflineVerifierTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    private NoteSigner key;
    private SyntheticLedger ledger;
    private String trusted;

    @BeforeEach
    void buildLedger() {
        key = SyntheticLedger.newKey();
        ledger = SyntheticLedger.withIncident(key, 5, 2);
        trusted = key.verifierKey();
    }


    private OfflineRun run(JsonNode bundle, String... options) {
        Path file = write("bundle.json", bundle.toString());
        String[] args = new String[options.length + 1];
        args[0] = file.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        return runArgs(args);
    }

    private static OfflineRun runArgs(String... args) {
        return OfflineRun.of(args);
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode tampered(Consumer<ObjectNode> change) {
        ObjectNode bundle = ledger.bundle();
        change.accept(bundle);
        return bundle;
    }

    private static ObjectNode event(ObjectNode bundle, int position) {
        return (ObjectNode) bundle.get("events").get(position);
    }

    private static void assertInvalidAt(OfflineRun result, String... fragments) {
        assertThat(result.exit()).as(result.err() + result.out()).isEqualTo(OfflineVerifier.INVALID);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("INVALID: ").contains(fragments);
    }

    private static String flipBase64Byte(String base64, int index) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[index] ^= 0x01;
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String flipHex(String hex) {
        byte[] bytes = HEX.parseHex(hex);
        bytes[0] ^= (byte) 0x80;
        return HEX.formatHex(bytes);
    }

    @Test
    void anIntactBundleVerifiesWithTheTrustedKeyAndPrintsOneLine() {
        OfflineRun result = run(ledger.bundle(), "--public-key", trusted);

        assertThat(result.exit()).as(result.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines()).hasSize(1);
        assertThat(result.out()).startsWith("VALID: incident " + SyntheticLedger.INCIDENT + ": 5 events")
                .contains("tree size " + ledger.size()).contains("(trusted key)");
    }

    @Test
    void theTrustedKeyMayComeFromAFile() {
        Path keyFile = write("log.pub", trusted + "\n");

        assertThat(run(ledger.bundle(), "--public-key", "@" + keyFile).exit()).isEqualTo(OfflineVerifier.VALID);
    }

    @Test
    void withoutATrustedKeyTheBundlesKeyIsUsedWithAWarning() {
        OfflineRun result = run(ledger.bundle());

        assertThat(result.exit()).isEqualTo(OfflineVerifier.VALID);
        assertThat(result.err()).startsWith("WARNING: ").contains("not independently trusted");
        assertThat(result.out()).contains("NOT independently trusted");
    }

    @Test
    void aSingleEventBundleWithAnEmptyAuditPathVerifies() {
        SyntheticLedger single = new SyntheticLedger(key);
        single.appendIncidentEvent();

        OfflineRun result = run(single.bundle(), "--public-key", trusted);

        assertThat(result.exit()).as(result.err()).isEqualTo(OfflineVerifier.VALID);
    }

    @Test
    void aFlippedPayloadByteIsCaughtAtItsEvent() {
        OfflineRun result = run(tampered(b -> event(b, 2).put("payload", flipBase64Byte(event(b, 2).get("payload")
                .asText(), 5))), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 2 (bundle position 2, leaf ", "the event was altered");
    }

    @Test
    void alteredMetadataIsCaughtAtItsEvent() {
        OfflineRun result = run(tampered(b -> event(b, 3).put("metaData", Base64.getEncoder().encodeToString(
                "{\"actor\":\"someone-else\"}".getBytes(StandardCharsets.UTF_8)))), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 3 ", "the event was altered");
    }

    @Test
    void metadataAddedWhereItWasAbsentIsCaught() {
        OfflineRun result = run(tampered(b -> event(b, 1).put("metaData", "")), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 1 ", "the event was altered");
    }

    @Test
    void anAlteredTimestampIsCaughtAtItsEvent() {
        OfflineRun result = run(tampered(b -> event(b, 4).put("timeStamp", "2026-11-23T08:34:00.001Z")),
                "--public-key", trusted);

        assertInvalidAt(result, "event sequence 4 ", "the event was altered");
    }

    @Test
    void aRemovedMiddleEventIsCaughtWhereTheGapIs() {
        OfflineRun result = run(tampered(b -> ((ArrayNode) b.get("events")).remove(2)), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 3 (bundle position 2", "expected sequence 2",
                "events are missing");
    }

    @Test
    void aRemovedFirstEventIsCaught() {
        OfflineRun result = run(tampered(b -> ((ArrayNode) b.get("events")).remove(0)), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 1 (bundle position 0", "expected sequence 0",
                "does not start at the incident's first event");
    }

    @Test
    void twoSwappedEventsAreCaught() {
        OfflineRun result = run(tampered(b -> {
            ArrayNode events = (ArrayNode) b.get("events");
            JsonNode second = events.get(1).deepCopy();
            events.set(1, events.get(2).deepCopy());
            events.set(2, second);
        }), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 2 (bundle position 1", "expected sequence 1");
    }

    @Test
    void swappedEventsWithRenumberedSequencesAreCaughtByTheChain() {
        OfflineRun result = run(tampered(b -> {
            ArrayNode events = (ArrayNode) b.get("events");
            ObjectNode second = events.get(1).deepCopy();
            ObjectNode third = events.get(2).deepCopy();
            second.put("sequenceNumber", 2);
            third.put("sequenceNumber", 1);
            events.set(1, third);
            events.set(2, second);
        }), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 1 (bundle position 1", "the chain is broken");
    }

    @Test
    void aChangedEntryHashIsCaughtAtItsEvent() {
        OfflineRun result = run(tampered(b -> event(b, 1).put("entryHash", flipHex(event(b, 1).get("entryHash")
                .asText()))), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 1 ", "not to its entryHash");
    }

    @Test
    void aChangedEntryHashWithTheNextLinkRepairedStillFailsAtTheChangedEvent() {
        OfflineRun result = run(tampered(b -> {
            String forged = flipHex(event(b, 1).get("entryHash").asText());
            event(b, 1).put("entryHash", forged);
            event(b, 2).put("previousHash", forged);
        }), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 1 ", "not to its entryHash");
    }

    @Test
    void aBrokenPreviousHashIsCaughtAtItsEvent() {
        OfflineRun result = run(tampered(b -> event(b, 3).put("previousHash", flipHex(event(b, 3).get("previousHash")
                .asText()))), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 3 ", "is not the entryHash of sequence 2", "the chain is broken");
    }

    @Test
    void aFirstEventThatDoesNotChainToGenesisIsCaught() {
        OfflineRun result = run(tampered(b -> event(b, 0).put("previousHash", "01".repeat(32))), "--public-key",
                trusted);

        assertInvalidAt(result, "event sequence 0 ", "GENESIS");
    }

    @Test
    void aFlippedProofElementIsCaughtAtItsLeaf() {
        long leaf = ledger.incidentEvents.get(2).leafIndex();
        OfflineRun result = run(tampered(b -> {
            ArrayNode path = (ArrayNode) event(b, 2).get("inclusionProof").get("path");
            path.set(1, path.get(1).asText().substring(0, 63) + (path.get(1).asText().endsWith("0") ? "1" : "0"));
        }), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 2 (bundle position 2, leaf " + leaf + ")",
                "inclusion proof does not lead");
    }

    @Test
    void aWrongLeafIndexIsCaught() {
        OfflineRun result = run(tampered(b -> {
            long wrong = event(b, 2).get("leafIndex").asLong() + 1;
            event(b, 2).put("leafIndex", wrong);
            ((ObjectNode) event(b, 2).get("inclusionProof")).put("leafIndex", wrong);
        }), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 2 ", "inclusion proof does not lead");
    }

    @Test
    void aLeafIndexThatDisagreesWithItsProofIsCaught() {
        OfflineRun result = run(tampered(b -> event(b, 2).put("leafIndex", event(b, 2).get("leafIndex").asLong() + 1)),
                "--public-key", trusted);

        assertInvalidAt(result, "event sequence 2 ", "inclusion proof is not for leaf");
    }

    @Test
    void aTamperedTlogProofIsCaught() {
        OfflineRun result = run(tampered(b -> event(b, 1).put("tlogProof", event(b, 1).get("tlogProof").asText()
                .replaceFirst("index \\d+", "index 0"))), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 1 ", "tlogProof does not name index");
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsRejected() {
        NoteSigner other = SyntheticLedger.newKey();
        OfflineRun result = run(tampered(b -> {
            String note = b.get("checkpoint").get("note").asText();
            ((ObjectNode) b.get("checkpoint")).put("note", other.sign(note.substring(0, note.indexOf("\n\n") + 1)));
        }), "--public-key", trusted);

        assertInvalidAt(result, "checkpoint: the signed note does not verify", "no signature by key");
    }

    @Test
    void aBundleWhollyResignedByAnotherKeyFailsAgainstTheTrustedKey() {
        NoteSigner other = SyntheticLedger.newKey();
        SyntheticLedger forged = SyntheticLedger.withIncident(other, 5, 2);

        OfflineRun result = run(forged.bundle(), "--public-key", trusted);

        assertInvalidAt(result, "bundle: its verifier key", "is not the trusted key");
    }

    @Test
    void anEditedCheckpointNoteTextIsRejected() {
        OfflineRun result = run(tampered(b -> {
            String note = b.get("checkpoint").get("note").asText();
            String size = String.valueOf(ledger.size());
            ((ObjectNode) b.get("checkpoint")).put("note", note.replaceFirst("\n" + size + "\n",
                    "\n" + (ledger.size() + 1) + "\n"));
            ((ObjectNode) b.get("checkpoint")).put("treeSize", ledger.size() + 1);
        }), "--public-key", trusted);

        assertInvalidAt(result, "checkpoint: the signed note does not verify", "invalid signature");
    }

    @Test
    void aTrustedKeyThatDiffersFromTheBundlesKeyFails() {
        OfflineRun result = run(ledger.bundle(), "--public-key", SyntheticLedger.newKey().verifierKey());

        assertInvalidAt(result, "bundle: its verifier key", "is not the trusted key");
    }

    @Test
    void aConsistentPreviousCheckpointVerifiesWithTheProofInTheBundle() {
        long earlier = ledger.size() - 4;
        Path previous = write("previous.checkpoint", ledger.signedCheckpoint(earlier));

        OfflineRun result = run(ledger.bundle(earlier), "--public-key", trusted, "--previous-checkpoint",
                previous.toString());

        assertThat(result.exit()).as(result.err()).isEqualTo(OfflineVerifier.VALID);
        assertThat(result.out()).contains("consistent with the previous checkpoint of tree size " + earlier);
    }

    @Test
    void aConsistentPreviousCheckpointVerifiesWithAProofFileInJsonOrHexLines() {
        long earlier = 3;
        Path previous = write("previous.checkpoint", ledger.signedCheckpoint(earlier));
        List<String> proof = SyntheticLedger.hex(ledger.tree.consistencyProof(earlier, ledger.size()));
        Path json = write("proof.json", "{\"fromSize\":" + earlier + ",\"toSize\":" + ledger.size()
                + ",\"fromRoot\":\"" + HEX.formatHex(ledger.tree.root(earlier)) + "\",\"toRoot\":\""
                + HEX.formatHex(ledger.tree.root(ledger.size())) + "\",\"path\":[\"" + String.join("\",\"", proof)
                + "\"]}");
        Path lines = write("proof.txt", String.join("\n", proof) + "\n");

        assertThat(run(ledger.bundle(), "--public-key", trusted, "--previous-checkpoint", previous.toString(),
                "--consistency-proof", json.toString()).exit()).isEqualTo(OfflineVerifier.VALID);
        assertThat(run(ledger.bundle(), "--public-key", trusted, "--previous-checkpoint", previous.toString(),
                "--consistency-proof", lines.toString()).exit()).isEqualTo(OfflineVerifier.VALID);
    }

    @Test
    void aForkedPreviousCheckpointIsRejected() {
        // Another history signed by the same key: the same first leaves, then different ones.
        SyntheticLedger fork = new SyntheticLedger(key);
        for (int i = 0; i < 4; i++) {
            fork.appendOther("other-0-" + i);
        }
        fork.appendOther("forked");
        fork.appendOther("forked-2");
        long earlier = fork.size();
        Path previous = write("forked.checkpoint", fork.signedCheckpoint(earlier));

        OfflineRun result = run(ledger.bundle(earlier), "--public-key", trusted, "--previous-checkpoint",
                previous.toString());

        assertInvalidAt(result, "previous checkpoint: the consistency proof", "a fork");
    }

    @Test
    void aPreviousCheckpointOfTheSameSizeWithAnotherRootIsAFork() {
        SyntheticLedger fork = SyntheticLedger.withIncident(key, 5, 2);
        fork.appendOther("one more");
        SyntheticLedger same = SyntheticLedger.withIncident(key, 5, 2);
        same.appendOther("another one");
        Path previous = write("forked.checkpoint", fork.signedCheckpoint(fork.size()));

        OfflineRun result = run(same.bundle(), "--public-key", trusted, "--previous-checkpoint", previous.toString());

        assertInvalidAt(result, "previous checkpoint: same tree size", "the log has forked");
    }

    @Test
    void aPreviousCheckpointSignedByAnotherKeyIsRejected() {
        SyntheticLedger other = SyntheticLedger.withIncident(SyntheticLedger.newKey(), 5, 2);
        Path previous = write("other.checkpoint", other.signedCheckpoint(3));

        OfflineRun result = run(ledger.bundle(3L), "--public-key", trusted, "--previous-checkpoint",
                previous.toString());

        assertInvalidAt(result, "previous checkpoint: the signed note does not verify");
    }

    @Test
    void aPreviousCheckpointWithoutAnyConsistencyProofCannotBeChecked() {
        Path previous = write("previous.checkpoint", ledger.signedCheckpoint(3));

        OfflineRun result = run(ledger.bundle(), "--public-key", trusted, "--previous-checkpoint", previous.toString());

        assertThat(result.exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(result.err()).contains("no consistency proof from tree size 3").contains("?consistencyFrom=3");
    }

    @Test
    void malformedJsonIsUnusable() {
        Path file = write("broken.json", "{\"format\": \"incident-ledger-audit-bundle/v1\", \"events\": [");

        OfflineRun result = runArgs(file.toString());

        assertThat(result.exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(result.err()).startsWith("ERROR: ").contains("not valid JSON");
    }

    @Test
    void duplicateKeysAreRefusedSoNoTwoReadersDisagree() {
        String json = ledger.bundle().toString().replaceFirst("\\{", "{\"incidentId\":\"x\",");

        OfflineRun result = runArgs(write("dup.json", json).toString());

        assertThat(result.exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(result.err()).contains("Duplicate field");
    }

    @Test
    void aFileThatIsNotABundleAMissingFileAndBadArgumentsAreUnusable() {
        assertThat(runArgs(write("other.json", "{\"format\":\"something-else\"}").toString()).exit())
                .isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(runArgs(dir.resolve("missing.json").toString()).exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(runArgs().exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(runArgs("a.json", "--public-key").exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(runArgs("a.json", "--bogus").exit()).isEqualTo(OfflineVerifier.UNUSABLE);
        assertThat(run(ledger.bundle(), "--public-key", "not-a-key").exit()).isEqualTo(OfflineVerifier.UNUSABLE);
    }

    @Test
    void aMissingFieldIsInvalidAndNamed() {
        OfflineRun result = run(tampered(b -> event(b, 2).remove("payloadRevision")), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 2 ", "field 'payloadRevision' is missing");
    }

    @Test
    void anEmptyBundleIsInvalid() {
        OfflineRun result = run(tampered(b -> ((ArrayNode) b.get("events")).removeAll()), "--public-key", trusted);

        assertInvalidAt(result, "bundle: it holds no events");
    }

    private static Arguments malformed(String what, Consumer<ObjectNode> change, String... fragments) {
        return Arguments.of(what, change, List.of(fragments));
    }

    static Stream<Arguments> malformedFields() {
        return Stream.of(
                malformed("a string where an integer belongs", b -> event(b, 2).put("sequenceNumber", "2"),
                        "event at bundle position 2: field 'sequenceNumber' is not an integer"),
                malformed("a number where a string belongs", b -> event(b, 3).put("timeStamp", 5),
                        "event sequence 3 (bundle position 3, leaf ", "field 'timeStamp' is not a string"),
                malformed("null where a string belongs", b -> event(b, 1).putNull("eventIdentifier"),
                        "event sequence 1 ", "field 'eventIdentifier' is not a string"),
                malformed("an integer beyond 64 bits", b -> ((ObjectNode) b.get("checkpoint"))
                                .put("treeSize", new BigInteger("99999999999999999999")),
                        "checkpoint: field 'treeSize' is not an integer"),
                malformed("a fraction where an integer belongs", b -> event(b, 0).put("leafIndex", 1.5),
                        "event at bundle position 0: field 'leafIndex' is not an integer"),
                malformed("null where an object belongs", b -> b.putNull("checkpoint"),
                        "bundle: field 'checkpoint' is not an object"),
                malformed("an object where an array belongs", b -> b.putObject("events"),
                        "bundle: field 'events' is missing or not an array"),
                malformed("an event that is not an object", b -> ((ArrayNode) b.get("events")).set(4, b.textNode("x")),
                        "event at bundle position 4: not a JSON object"),
                malformed("a missing field of the inclusion proof",
                        b -> ((ObjectNode) event(b, 1).get("inclusionProof")).remove("treeSize"),
                        "event sequence 1 ", ", inclusionProof: field 'treeSize' is missing"),
                malformed("null in a proof's path",
                        b -> ((ArrayNode) event(b, 0).get("inclusionProof").get("path")).set(0, b.nullNode()),
                        "event sequence 0 ", ", inclusionProof: element 0 of 'path' is not a 32-byte hex hash"),
                malformed("bad base64", b -> event(b, 1).put("payload", "not base64!"),
                        "event sequence 1 ", "field 'payload' is not canonical padded base64"),
                malformed("a hash that is not 64 hex digits", b -> event(b, 2).put("entryHash", "zz"),
                        "event sequence 2 ", "field 'entryHash' is not a 32-byte hex hash"),
                malformed("an informational field of the wrong type", b -> b.put("exportedAt", 5),
                        "bundle: field 'exportedAt' is not a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFields")
    void aMalformedFieldIsInvalidAndNamedWithItsPlace(String what, Consumer<ObjectNode> change,
                                                      List<String> fragments) {
        OfflineRun result = run(tampered(change), "--public-key", trusted);

        assertInvalidAt(result, fragments.toArray(String[]::new));
    }

    @Test
    void theInformationalFieldsMayBeAbsent() {
        OfflineRun result = run(tampered(b -> {
            b.remove(List.of("exportedAt", "eventsNotYetInCheckpoint", "consistencyProof"));
            event(b, 1).remove(List.of("globalIndex", "tlogProof"));
        }), "--public-key", trusted);

        assertThat(result.exit()).as(result.err()).isEqualTo(OfflineVerifier.VALID);
    }

    @Test
    void aMalformedFieldIsReportedBeforeAnyCheckOfTheContent() {
        OfflineRun result = run(tampered(b -> {
            event(b, 1).put("previousHash", flipHex(event(b, 1).get("previousHash").asText()));
            event(b, 3).remove("payloadType");
        }), "--public-key", trusted);

        assertInvalidAt(result, "event sequence 3 ", "field 'payloadType' is missing");
    }
}
