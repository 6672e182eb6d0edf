package io.incidentledger.ledger.offline;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentledger.ledger.bundle.AuditBundle;
import io.incidentledger.ledger.bundle.AuditBundleExporter;
import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.InMemoryNodeSource;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.MerkleTree;
import io.incidentledger.ledger.log.NoteSigner;

/**
 * An in-memory log built from synthetic events the way the service builds its own (EventHash chains, RFC 9162 tree,
 * signed C2SP checkpoint), and audit bundles of one incident in it, without Spring or a database.
 */
final class SyntheticLedger {

    static final String ORIGIN = "test.example/incident-log";
    static final String KEY_NAME = "test.example";
    static final String INCIDENT = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    final NoteSigner signer;
    final InMemoryNodeSource nodes = new InMemoryNodeSource();
    final MerkleTree tree = new MerkleTree(nodes);
    final List<AuditBundle.Event> incidentEvents = new ArrayList<>();
    private final List<byte[]> incidentEntryHashes = new ArrayList<>();
    private long globalIndex;

    SyntheticLedger(NoteSigner signer) {
        this.signer = signer;
    }

    static NoteSigner newKey() {
        return LedgerKeys.generate(KEY_NAME, new SecureRandom());
    }

    /** A log of {@code otherLeaves} unrelated leaves interleaved with {@code incidentEvents} events of the incident. */
    static SyntheticLedger withIncident(NoteSigner signer, int incidentEvents, int otherLeavesBetween) {
        SyntheticLedger ledger = new SyntheticLedger(signer);
        for (int i = 0; i < incidentEvents; i++) {
            for (int j = 0; j < otherLeavesBetween; j++) {
                ledger.appendOther("other-" + i + "-" + j);
            }
            ledger.appendIncidentEvent();
        }
        ledger.appendOther("tail");
        return ledger;
    }

    void appendOther(String seed) {
        globalIndex++;
        nodes.append(EventHash.of(seed, "other-aggregate-" + seed, "Incident", 0, "2026-11-23T08:00:00Z", "x.Y",
                null, seed.getBytes(StandardCharsets.UTF_8), null, EventHash.GENESIS));
    }

    void appendIncidentEvent() {
        int sequence = incidentEvents.size();
        globalIndex++;
        String eventId = "ev-" + sequence;
        String timeStamp = "2026-11-23T08:3" + sequence + ":00.000Z";
        String payloadType = sequence == 0 ? "io.incidentledger.incident.api.IncidentReported"
                : "io.incidentledger.incident.api.NoteAdded";
        byte[] payload = ("{\"incidentId\":\"" + INCIDENT + "\",\"n\":" + sequence + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] metaData = sequence == 1 ? null : ("{\"actor\":\"responder\",\"n\":" + sequence + "}")
                .getBytes(StandardCharsets.UTF_8);
        String revision = sequence == 2 ? null : "1";
        byte[] previous = sequence == 0 ? EventHash.GENESIS : incidentEntryHashes.get(sequence - 1);
        byte[] entry = EventHash.of(eventId, INCIDENT, "Incident", sequence, timeStamp, payloadType, revision,
                payload, metaData, previous);
        long leafIndex = nodes.append(entry);
        incidentEntryHashes.add(entry);
        incidentEvents.add(new AuditBundle.Event(eventId, INCIDENT, "Incident", sequence, timeStamp, payloadType,
                revision, Base64.getEncoder().encodeToString(payload),
                metaData == null ? null : Base64.getEncoder().encodeToString(metaData), HEX.formatHex(previous),
                HEX.formatHex(entry), globalIndex, leafIndex, null, null));
    }

    long size() {
        return nodes.size();
    }

    String signedCheckpoint(long treeSize) {
        return signer.sign(new Checkpoint(ORIGIN, treeSize, tree.root(treeSize)).toNoteText());
    }

    /** The bundle of the incident against the checkpoint of the whole log, as the exporter builds it. */
    ObjectNode bundle() {
        return bundle(null);
    }

    ObjectNode bundle(Long consistencyFrom) {
        long treeSize = size();
        String note = signedCheckpoint(treeSize);
        List<AuditBundle.Event> events = new ArrayList<>();
        for (AuditBundle.Event e : incidentEvents) {
            List<byte[]> path = tree.inclusionProof(e.leafIndex(), treeSize);
            events.add(new AuditBundle.Event(e.eventIdentifier(), e.aggregateIdentifier(), e.aggregateType(),
                    e.sequenceNumber(), e.timeStamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData(),
                    e.previousHash(), e.entryHash(), e.globalIndex(), e.leafIndex(),
                    new AuditBundle.Inclusion(e.leafIndex(), treeSize, hex(path)),
                    AuditBundleExporter.tlogProof(e.leafIndex(), path, note)));
        }
        AuditBundle.Consistency consistency = consistencyFrom == null ? null
                : new AuditBundle.Consistency(consistencyFrom, treeSize, HEX.formatHex(tree.root(consistencyFrom)),
                        HEX.formatHex(tree.root(treeSize)), hex(tree.consistencyProof(consistencyFrom, treeSize)));
        AuditBundle bundle = new AuditBundle(AuditBundle.FORMAT, INCIDENT, ORIGIN, signer.verifierKey(),
                "2026-11-23T09:00:00Z", new AuditBundle.SignedCheckpoint(treeSize,
                HEX.formatHex(tree.root(treeSize)), note), events, 0, consistency);
        return JSON.valueToTree(bundle);
    }

    static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
