package io.incidentledger.witness;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.InMemoryNodeSource;
import io.incidentledger.ledger.log.LedgerKeys;
import io.incidentledger.ledger.log.MerkleTree;
import io.incidentledger.ledger.log.NoteSigner;

/**
 * A real transparency log for the witness tests: an RFC 9162 Merkle tree over numbered leaves and a note key named
 * after its origin. Requests are written by hand from the spec's text, not with the production formatter.
 */
final class TestLog {

    private final String origin;
    private final NoteSigner signer;
    private final InMemoryNodeSource leaves = new InMemoryNodeSource();
    private final MerkleTree tree = new MerkleTree(leaves);
    private String leafPrefix = "leaf ";

    TestLog(String origin) {
        this(origin, LedgerKeys.generate(origin, new SecureRandom()));
    }

    TestLog(String origin, NoteSigner signer) {
        this.origin = origin;
        this.signer = signer;
    }

    /** The same key, a tree with other leaves: what a log showing a split view would sign. */
    TestLog fork(String leafPrefix, long commonLeaves) {
        TestLog fork = new TestLog(origin, signer);
        for (long i = 0; i < commonLeaves; i++) {
            fork.leaves.append(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        fork.leafPrefix = leafPrefix;
        return fork;
    }

    String origin() {
        return origin;
    }

    NoteSigner signer() {
        return signer;
    }

    String verifierKey() {
        return signer.verifierKey();
    }

    /** Appends leaves until the tree holds {@code size}. */
    TestLog growTo(long size) {
        while (leaves.size() < size) {
            leaves.append((leafPrefix + leaves.size()).getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    byte[] root(long size) {
        return tree.root(size);
    }

    /** The checkpoint body for a size: origin, size and base64 root, each on a line. */
    String body(long size) {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root(size)) + "\n";
    }

    /** The checkpoint for a size, signed by the log's key. */
    String checkpoint(long size) {
        growTo(size);
        return signer.sign(body(size));
    }

    /** The consistency proof from one size to another, one base64 hash per line, each ending in a newline. */
    String proofLines(long from, long to) {
        StringBuilder lines = new StringBuilder();
        List<byte[]> proof = tree.consistencyProof(from, to);
        for (byte[] hash : proof) {
            lines.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return lines.toString();
    }

    /** A valid add-checkpoint body from {@code old} to {@code size}, as the spec describes it. */
    String request(long old, long size) {
        growTo(size);
        String proof = old == 0 || old == size ? "" : proofLines(old, size);
        return "old " + old + "\n" + proof + "\n" + checkpoint(size);
    }
}
