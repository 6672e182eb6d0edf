package io.incidentledger.ledger.bundle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.ledger.LedgerProperties;
import io.incidentledger.ledger.anchor.BundleAnchors;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.CheckpointSigner;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.log.SignedNote;
import org.springframework.stereotype.Component;

/**
 * Builds the audit bundle of one incident. Before exporting it asks the admitter to admit every committed event and
 * sign a checkpoint of the whole log, so that normally every stored event of the incident is in the bundle, all
 * proven against one newest checkpoint. An event committed while the bundle is being made, and so not covered by
 * that checkpoint after a few attempts, is left out and counted in {@code eventsNotYetInCheckpoint}: a bundle only
 * ever holds events it can prove.
 */
@Component
public class AuditBundleExporter {

    /** How often to catch the log up before settling for the events a checkpoint covers. */
    private static final int ATTEMPTS = 3;
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final StoredEvents storedEvents;
    private final LedgerLog ledgerLog;
    private final LogAdmitter admitter;
    private final CheckpointSigner checkpointSigner;
    private final LedgerProperties properties;
    private final Clock clock;
    private final BundleAnchors bundleAnchors;

    public AuditBundleExporter(StoredEvents storedEvents, LedgerLog ledgerLog, LogAdmitter admitter,
                               CheckpointSigner checkpointSigner, LedgerProperties properties, Clock clock,
                               BundleAnchors bundleAnchors) {
        this.storedEvents = storedEvents;
        this.ledgerLog = ledgerLog;
        this.admitter = admitter;
        this.checkpointSigner = checkpointSigner;
        this.properties = properties;
        this.clock = clock;
        this.bundleAnchors = bundleAnchors;
    }

    /** A request for a consistency proof from a tree size the bundle's checkpoint does not extend. */
    public static class InvalidConsistencySizeException extends RuntimeException {

        InvalidConsistencySizeException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The bundle of the incident, or empty when no event of it is stored.
     *
     * @param consistencyFrom when not null, also prove that the bundle's checkpoint extends the tree of this size
     * @throws InvalidConsistencySizeException if {@code consistencyFrom} is not in 1..the checkpoint's size
     */
    public Optional<AuditBundle> export(String incidentId, Long consistencyFrom) {
        if (storedEvents.ofAggregate(incidentId).isEmpty()) {
            return Optional.empty();
        }
        Snapshot snapshot = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            admitter.catchUpAndCheckpoint();
            snapshot = snapshot(incidentId);
            if (snapshot != null && snapshot.covered().size() == snapshot.stored().size()) {
                break;
            }
        }
        if (snapshot == null || snapshot.covered().isEmpty()) {
            throw new IllegalStateException("no signed checkpoint covers the first event of incident " + incidentId
                    + " even after the log caught up");
        }
        return Optional.of(bundle(incidentId, snapshot, consistencyFrom));
    }

    private record Snapshot(List<StoredEvent> stored, List<StoredEvent> covered, Map<String, LedgerLog.Leaf> leaves,
                            String note, Checkpoint checkpoint) {
    }

    /** The incident's events, and the longest prefix of them from sequence 0 that the newest checkpoint covers. */
    private Snapshot snapshot(String incidentId) {
        Optional<LedgerLog.StoredCheckpoint> newest = ledgerLog.latestCheckpoint();
        if (newest.isEmpty()) {
            return null;
        }
        String note = newest.get().note();
        // The note is authoritative: its text is what was signed and what a verifier reads.
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(note).text());
        List<StoredEvent> stored = storedEvents.ofAggregate(incidentId);
        Map<String, LedgerLog.Leaf> leaves = ledgerLog.leavesOfAggregate(incidentId).stream()
                .collect(Collectors.toMap(LedgerLog.Leaf::eventIdentifier, Function.identity(), (a, b) -> a));
        List<StoredEvent> covered = new ArrayList<>();
        for (StoredEvent event : stored) {
            LedgerLog.Leaf leaf = leaves.get(event.eventIdentifier());
            if (leaf == null || leaf.leafIndex() >= checkpoint.treeSize()) {
                break;
            }
            covered.add(event);
        }
        return new Snapshot(stored, covered, leaves, note, checkpoint);
    }

    private AuditBundle bundle(String incidentId, Snapshot snapshot, Long consistencyFrom) {
        Checkpoint checkpoint = snapshot.checkpoint();
        long treeSize = checkpoint.treeSize();
        AuditBundle.Consistency consistency = null;
        if (consistencyFrom != null) {
            if (consistencyFrom <= 0 || consistencyFrom > treeSize) {
                throw new InvalidConsistencySizeException("consistencyFrom must be between 1 and the checkpoint's "
                        + "tree size " + treeSize + ", not " + consistencyFrom);
            }
            consistency = new AuditBundle.Consistency(consistencyFrom, treeSize,
                    HEX.formatHex(ledgerLog.root(consistencyFrom)), HEX.formatHex(checkpoint.rootHash()),
                    hex(ledgerLog.consistencyProof(consistencyFrom, treeSize)));
        }
        List<AuditBundle.Event> events = new ArrayList<>(snapshot.covered().size());
        for (StoredEvent event : snapshot.covered()) {
            LedgerLog.Leaf leaf = snapshot.leaves().get(event.eventIdentifier());
            List<byte[]> path = ledgerLog.inclusionProof(leaf.leafIndex(), treeSize);
            events.add(new AuditBundle.Event(event.eventIdentifier(), event.aggregateIdentifier(), event.type(),
                    event.sequenceNumber(), event.timeStamp(), event.payloadType(), event.payloadRevision(),
                    BASE64.encodeToString(event.payload()),
                    event.metaData() == null ? null : BASE64.encodeToString(event.metaData()),
                    HEX.formatHex(event.previousHash()), HEX.formatHex(event.entryHash()), event.globalIndex(),
                    leaf.leafIndex(), new AuditBundle.Inclusion(leaf.leafIndex(), treeSize, hex(path)),
                    tlogProof(leaf.leafIndex(), path, snapshot.note())));
        }
        return new AuditBundle(AuditBundle.FORMAT, incidentId, properties.origin(), checkpointSigner.verifierKey(),
                clock.instant().toString(),
                new AuditBundle.SignedCheckpoint(treeSize, HEX.formatHex(checkpoint.rootHash()), snapshot.note()),
                events, snapshot.stored().size() - snapshot.covered().size(), consistency,
                bundleAnchors.forBundle(treeSize,
                        events.stream().mapToLong(AuditBundle.Event::leafIndex).max().orElse(0)));
    }

    /**
     * The proof in the c2sp.org/tlog-proof@v1 text form: the header line, {@code index N}, one base64 hash per line
     * from the leaf's sibling up, an empty line, then the signed checkpoint verbatim.
     */
    public static String tlogProof(long leafIndex, List<byte[]> path, String signedCheckpoint) {
        StringBuilder proof = new StringBuilder("c2sp.org/tlog-proof@v1\n").append("index ").append(leafIndex)
                .append('\n');
        for (byte[] hash : path) {
            proof.append(BASE64.encodeToString(hash)).append('\n');
        }
        return proof.append('\n').append(signedCheckpoint).toString();
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
