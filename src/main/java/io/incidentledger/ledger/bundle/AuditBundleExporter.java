package io.incidentledger.ledger.bundle;

import java.time.Clock;
import java.time.Duration;
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
import io.incidentledger.ledger.witness.Cosignatures;
import io.incidentledger.ledger.witness.WitnessPolicy;
import io.incidentledger.ledger.witness.WitnessingProperties;
import org.springframework.stereotype.Component;

/**
 * Builds the audit bundle of one incident. Before exporting it asks the admitter to admit every committed event and
 * sign a checkpoint of the whole log, so that normally every stored event of the incident is in the bundle, all
 * proven against one newest checkpoint. An event committed while the bundle is being made, and so not covered by
 * that checkpoint after a few attempts, is left out and counted in {@code eventsNotYetInCheckpoint}: a bundle only
 * ever holds events it can prove.
 *
 * <p>When a witness quorum is configured, the bundle is proven against the newest checkpoint that a quorum of
 * witnesses cosigned and that holds every event of the incident, waiting up to {@code bundle-wait} for it; if none
 * comes in time, against the newest checkpoint with the cosignatures it has. The checkpoint note always carries every
 * cosignature the log holds for it, in the bundle and in each tlog-proof.
 */
@Component
public class AuditBundleExporter {

    /** How often to catch the log up before settling for the events a checkpoint covers. */
    private static final int ATTEMPTS = 3;
    /** How often an export waiting for a witnessed checkpoint looks again. */
    private static final Duration WITNESS_POLL = Duration.ofMillis(50);
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final StoredEvents storedEvents;
    private final LedgerLog ledgerLog;
    private final LogAdmitter admitter;
    private final CheckpointSigner checkpointSigner;
    private final LedgerProperties properties;
    private final Clock clock;
    private final Cosignatures cosignatures;
    private final WitnessPolicy witnessPolicy;
    private final WitnessingProperties witnessing;
    private final BundleAnchors bundleAnchors;

    public AuditBundleExporter(StoredEvents storedEvents, LedgerLog ledgerLog, LogAdmitter admitter,
                               CheckpointSigner checkpointSigner, LedgerProperties properties, Clock clock,
                               Cosignatures cosignatures, WitnessPolicy witnessPolicy,
                               WitnessingProperties witnessing, BundleAnchors bundleAnchors) {
        this.storedEvents = storedEvents;
        this.ledgerLog = ledgerLog;
        this.admitter = admitter;
        this.checkpointSigner = checkpointSigner;
        this.properties = properties;
        this.clock = clock;
        this.cosignatures = cosignatures;
        this.witnessPolicy = witnessPolicy;
        this.witnessing = witnessing;
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
            snapshot = snapshot(incidentId, ledgerLog.latestCheckpoint());
            if (snapshot != null && snapshot.complete()) {
                break;
            }
        }
        if (snapshot != null && snapshot.complete() && witnessPolicy.quorum() > 0) {
            snapshot = awaitWitnessed(incidentId, snapshot);
        }
        if (snapshot == null || snapshot.covered().isEmpty()) {
            throw new IllegalStateException("no signed checkpoint covers the first event of incident " + incidentId
                    + " even after the log caught up");
        }
        return Optional.of(bundle(incidentId, snapshot, consistencyFrom));
    }

    private record Snapshot(List<StoredEvent> stored, List<StoredEvent> covered, Map<String, LedgerLog.Leaf> leaves,
                            String note, Checkpoint checkpoint) {

        boolean complete() {
            return covered.size() == stored.size();
        }

        /** The smallest tree that holds every covered event. */
        long sizeNeeded() {
            return covered.stream().mapToLong(event -> leaves.get(event.eventIdentifier()).leafIndex() + 1).max()
                    .orElse(0);
        }
    }

    /**
     * A snapshot against the newest checkpoint that a quorum of witnesses cosigned and that holds every event of the
     * incident, waiting up to {@code bundle-wait} for the witnesses to cosign; the given snapshot if none came.
     */
    private Snapshot awaitWitnessed(String incidentId, Snapshot unwitnessed) {
        long deadline = System.nanoTime() + witnessing.bundleWait().toNanos();
        while (true) {
            Optional<Long> witnessed = cosignatures.newestWitnessed(unwitnessed.sizeNeeded(), witnessPolicy.quorum(),
                    witnessPolicy.witnesses());
            if (witnessed.isPresent()) {
                Snapshot snapshot = snapshot(incidentId, ledgerLog.checkpoint(witnessed.get()));
                if (snapshot != null && snapshot.complete()) {
                    return snapshot;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return unwitnessed;
            }
            try {
                Thread.sleep(WITNESS_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return unwitnessed;
            }
        }
    }

    /**
     * The incident's events, and the longest prefix of them from sequence 0 that the checkpoint covers, whose note
     * carries every cosignature the log holds for it.
     */
    private Snapshot snapshot(String incidentId, Optional<LedgerLog.StoredCheckpoint> chosen) {
        if (chosen.isEmpty()) {
            return null;
        }
        String note = cosignatures.cosignedNote(chosen.get());
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
        return new AuditBundle(AuditBundle.FORMAT, incidentId, properties.origin(),
                checkpointSigner.verifierKeyOf(treeSize),
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
