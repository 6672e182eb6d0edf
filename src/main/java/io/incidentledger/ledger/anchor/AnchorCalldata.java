package io.incidentledger.ledger.anchor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.incidentledger.ledger.log.Checkpoint;

/**
 * The data field of an anchor transaction (docs/ledger-anchoring.md, "The transaction"): the ASCII tag line
 * {@code incident-ledger/anchor/v1\n} followed by the C2SP checkpoint body (origin, tree size, base64 root, each
 * ending in {@code \n}), UTF-8, nothing else. Readable in any block explorer's "input data as UTF-8" view, and
 * checked byte for byte by the offline verifier. Plain Java: the offline verifier uses it.
 */
public final class AnchorCalldata {

    /** The first line, with its newline. */
    public static final String TAG = "incident-ledger/anchor/v1\n";

    private AnchorCalldata() {
    }

    /** The data of the transaction that anchors the checkpoint {@code origin, treeSize, rootHash}. */
    public static byte[] of(String origin, long treeSize, byte[] rootHash) {
        return (TAG + new Checkpoint(origin, treeSize, rootHash).toNoteText()).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code data} is exactly the anchor of that checkpoint. */
    public static boolean carries(byte[] data, String origin, long treeSize, byte[] rootHash) {
        return Arrays.equals(data, of(origin, treeSize, rootHash));
    }
}
