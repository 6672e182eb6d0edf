package io.incidentledger.ledger.bundle;

import java.util.List;

/**
 * An offline-verifiable audit bundle of one incident (docs/ledger-format.md, "Audit bundle"): every stored event of
 * the incident that a signed checkpoint covers, exactly as stored, with its chain hashes and its inclusion proof
 * against that one checkpoint. Hashes are lower-case hex, stored bytes are standard padded base64.
 *
 * @param format                   always {@link #FORMAT}
 * @param incidentId               the incident, which is the aggregate identifier of every event
 * @param origin                   the log's origin, the first line of the checkpoint
 * @param verifierKey              the log's Ed25519 verifier key in signed-note form; a verifier should trust a key
 *                                 it got independently, not this copy
 * @param exportedAt               when the bundle was made (informational, not authenticated)
 * @param checkpoint               the one signed checkpoint every event's proof is against
 * @param events                   the incident's events from sequence 0, in sequence order
 * @param eventsNotYetInCheckpoint stored events of the incident after the last exported one that no signed
 *                                 checkpoint covered yet at export time (normally 0; informational)
 * @param consistencyProof         present only when asked for: the proof that this checkpoint extends an earlier one
 * @param anchors                  anchors of this checkpoint or of earlier ones on an EVM chain, each with the proof
 *                                 that this checkpoint extends it (docs/ledger-anchoring.md); null when the log has
 *                                 none
 */
public record AuditBundle(String format, String incidentId, String origin, String verifierKey, String exportedAt,
                          SignedCheckpoint checkpoint, List<Event> events, int eventsNotYetInCheckpoint,
                          Consistency consistencyProof, List<ChainAnchor> anchors) {

    /** The format identifier and version of this bundle layout. */
    public static final String FORMAT = "incident-ledger-audit-bundle/v1";

    public AuditBundle {
        events = List.copyOf(events);
        anchors = anchors == null ? null : List.copyOf(anchors);
    }

    /** A bundle without anchors. */
    public AuditBundle(String format, String incidentId, String origin, String verifierKey, String exportedAt,
                       SignedCheckpoint checkpoint, List<Event> events, int eventsNotYetInCheckpoint,
                       Consistency consistencyProof) {
        this(format, incidentId, origin, verifierKey, exportedAt, checkpoint, events, eventsNotYetInCheckpoint,
                consistencyProof, null);
    }

    /**
     * The signed checkpoint.
     *
     * @param treeSize the tree size on the note's second line (a convenience copy; the note is authoritative)
     * @param rootHash the root hash on the note's third line, as hex (a convenience copy)
     * @param note     the exact signed note text: checkpoint body, blank line, signature lines
     */
    public record SignedCheckpoint(long treeSize, String rootHash, String note) {
    }

    /**
     * One event: every column the event hash covers exactly as stored, the chain values and the log position.
     *
     * @param aggregateType   the stored {@code type} column, null when absent
     * @param timeStamp       the stored timestamp text, byte for byte
     * @param payloadRevision null when absent
     * @param payload         base64 of the stored payload bytes
     * @param metaData        base64 of the stored metadata bytes, null when absent
     * @param previousHash    hex of the stored {@code prev_hash}
     * @param entryHash       hex of the stored {@code entry_hash}, which is the event's Merkle leaf data
     * @param globalIndex     the event's position in the event store (informational, not authenticated)
     * @param leafIndex       the event's leaf index in the log
     * @param inclusionProof  the RFC 9162 audit path of the leaf in the checkpoint's tree
     * @param tlogProof       the same proof with the checkpoint in the c2sp.org/tlog-proof@v1 text form
     */
    public record Event(String eventIdentifier, String aggregateIdentifier, String aggregateType, long sequenceNumber,
                        String timeStamp, String payloadType, String payloadRevision, String payload, String metaData,
                        String previousHash, String entryHash, long globalIndex, long leafIndex,
                        Inclusion inclusionProof, String tlogProof) {
    }

    /** An RFC 9162 inclusion proof: the audit path from the leaf's sibling up to the root's child, as hex. */
    public record Inclusion(long leafIndex, long treeSize, List<String> path) {

        public Inclusion {
            path = List.copyOf(path);
        }
    }

    /**
     * An RFC 9162 consistency proof from the tree of {@code fromSize} leaves to this bundle's checkpoint, as hex, in
     * the same shape as {@code GET /api/ledger/proofs/consistency}. The roots are convenience copies: a verifier
     * takes them from signed checkpoints.
     */
    public record Consistency(long fromSize, long toSize, String fromRoot, String toRoot, List<String> path) {

        public Consistency {
            path = List.copyOf(path);
        }
    }

    /**
     * A confirmed anchor of the checkpoint of {@code treeSize} leaves on an EVM chain (docs/ledger-anchoring.md): the
     * transaction whose data is the anchor of {@code (origin, treeSize, rootHash)}, where the chain included it, and
     * the RFC 9162 proof that the bundle's checkpoint extends that tree ({@code toSize} = the bundle's tree size;
     * an empty path when the sizes are equal).
     *
     * @param rootHash        hex of the anchored root
     * @param transactionHash the transaction, 0x-prefixed hex
     * @param blockHash       the block that holds it, 0x-prefixed hex
     * @param blockTime       the block's timestamp, ISO-8601 UTC
     */
    public record ChainAnchor(long treeSize, String rootHash, long chainId, String transactionHash, long blockNumber,
                         String blockHash, String blockTime, Consistency consistencyProof) {
    }
}
