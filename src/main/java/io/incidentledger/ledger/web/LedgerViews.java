package io.incidentledger.ledger.web;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import io.incidentledger.ledger.verify.Finding;
import io.incidentledger.ledger.verify.LedgerVerification;

/**
 * The JSON bodies of the ledger API (docs/api.md, "The ledger"). Every hash is lower-case hexadecimal; signed
 * checkpoints are the exact stored note text, so that a client can verify them byte for byte.
 */
final class LedgerViews {

    private static final HexFormat HEX = HexFormat.of();

    private LedgerViews() {
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(LedgerViews::hex).toList();
    }

    /**
     * The RFC 9162 audit path of one event's leaf in the tree of {@code treeSize} leaves.
     *
     * @param leafData   the event's entry hash, the data of its leaf
     * @param leafHash   SHA-256(0x00 || leafData)
     * @param rootHash   the root of the first {@code treeSize} leaves
     * @param path       from the leaf's sibling up to the child of the root
     * @param checkpoint the signed checkpoint note of exactly {@code treeSize} leaves, or null if there is none
     */
    record InclusionProofView(String eventId, String aggregateIdentifier, long sequenceNumber, long leafIndex,
                              long treeSize, String leafData, String leafHash, String rootHash, List<String> path,
                              String checkpoint) {
    }

    /**
     * The RFC 9162 consistency proof from the tree of {@code fromSize} leaves to the tree of {@code toSize} leaves.
     *
     * @param fromCheckpoint the signed checkpoint note of exactly {@code fromSize} leaves, or null if there is none
     * @param toCheckpoint   the signed checkpoint note of exactly {@code toSize} leaves, or null if there is none
     */
    record ConsistencyProofView(long fromSize, long toSize, String fromRoot, String toRoot, List<String> path,
                                String fromCheckpoint, String toCheckpoint) {
    }

    /** The outcome of a verification of the whole store or of one incident. */
    record VerificationView(boolean intact, Instant verifiedAt, long eventsChecked, long leavesChecked,
                            Long checkpointSize, List<FindingView> findings) {

        static VerificationView of(LedgerVerification.Report report) {
            return new VerificationView(report.intact(), report.verifiedAt(), report.eventsChecked(),
                    report.leavesChecked(), report.checkpointSize(),
                    report.findings().stream().map(FindingView::of).toList());
        }
    }

    /** One piece of damage and its place. */
    record FindingView(Finding.Kind kind, String place, String aggregateIdentifier, Long sequenceNumber,
                       Long globalIndex, Long leafIndex, String detail) {

        static FindingView of(Finding finding) {
            return new FindingView(finding.kind(), finding.place(), finding.aggregateIdentifier(),
                    finding.sequenceNumber(), finding.globalIndex(), finding.leafIndex(), finding.detail());
        }
    }

    /**
     * One stored event of an incident, as the store holds it (its payload is not shown).
     *
     * @param type        the payload type's simple name, e.g. {@code IncidentReported}
     * @param payloadType the full payload type as stored
     * @param revision    the payload revision, or null
     * @param timestamp   the stored {@code time_stamp} text, which the entry hash covers
     * @param actorIssuer  for a person signed in through the OpenID provider, the token's issuer; else null
     * @param actorSubject for such a person, the token's subject; else null
     * @param actorToken   for a machine that used an API token, the token's id; else null
     * @param leafIndex   the event's leaf in the Merkle log, or null until it is admitted
     */
    record EventView(long sequence, String eventId, String type, String payloadType, String revision,
                     String timestamp, long globalIndex, String actor, String actorType, String actorRoles,
                     String actorIssuer, String actorSubject, String actorToken, String entryHash,
                     String previousHash, Long leafIndex) {
    }
}
