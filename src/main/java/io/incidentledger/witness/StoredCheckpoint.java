package io.incidentledger.witness;

import java.time.Instant;
import java.util.Base64;

/**
 * The latest checkpoint the witness cosigned for a log.
 *
 * @param origin the log's origin
 * @param treeSize the checkpoint's tree size
 * @param rootHash the checkpoint's root hash
 * @param receivedNote the checkpoint note exactly as the log submitted it, with every signature it carried
 * @param servedNote the note the monitoring endpoint serves: the checkpoint, the log signatures the witness verified
 *        and the witness's cosignature
 * @param cosignedAt when the witness cosigned it
 */
record StoredCheckpoint(String origin, long treeSize, byte[] rootHash, String receivedNote, String servedNote,
        Instant cosignedAt) {

    StoredCheckpoint {
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    String rootHashBase64() {
        return Base64.getEncoder().encodeToString(rootHash);
    }
}
