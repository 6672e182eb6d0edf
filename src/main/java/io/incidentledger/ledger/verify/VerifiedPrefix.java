package io.incidentledger.ledger.verify;

import java.time.Instant;
import java.util.List;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.SignedNote;

/**
 * How far the background verifier has verified the store (table {@code ledger_verified_prefix}): the log up to
 * {@code logSize} leaves, which is the size of the signed checkpoint {@code checkpointNote} (null while the log has no
 * checkpoint, then {@code logSize} is 0), with root {@code rootHash} and the hashes of the perfect subtrees that tile
 * it ({@code frontier}, left to right); and every event up to {@code globalIndex}, each aggregate's chain up to its
 * head in {@code ledger_verified_head}. An incremental pass checks only what came after it.
 *
 * @param version bumped by every write, so that a verifier does not put back an older prefix than another wrote
 */
record VerifiedPrefix(long version, long logSize, byte[] rootHash, List<byte[]> frontier, String checkpointNote,
                      long globalIndex, Instant verifiedAt, Instant fullPassAt) {

    /** The verified checkpoint, parsed from its signed note (verified when the prefix was recorded). */
    Checkpoint checkpoint() {
        return Checkpoint.parse(SignedNote.parse(checkpointNote).text());
    }
}
