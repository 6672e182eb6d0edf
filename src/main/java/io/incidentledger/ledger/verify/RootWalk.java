package io.incidentledger.ledger.verify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.MerkleTree;
import io.incidentledger.ledger.log.NodePosition;

/**
 * Folds leaves, in leaf order, into the roots of every prefix size that a checkpoint names (a compact range of the
 * RFC): the stack holds the perfect subtrees that tile the leaves folded so far. A whole-store pass starts it empty at
 * leaf 0; an incremental pass starts it from the verified prefix's frontier, the subtrees that tile the leaves it
 * verified before, and so folds only the new leaves.
 *
 * <p>At each checkpoint's size it remembers the frontier and the root, so that an intact pass can hand the newest of
 * them on as the next verified prefix.
 */
final class RootWalk {

    private final Map<Long, Checkpoint> expectedRoots;
    private final List<Finding> findings;
    /** The subtrees' hashes and heights, the rightmost on top. */
    private final Deque<byte[]> stack = new ArrayDeque<>();
    private final Deque<Integer> heights = new ArrayDeque<>();
    private long size;
    private long checkpointSize = -1;
    private List<byte[]> checkpointFrontier = List.of();
    private byte[] checkpointRoot;

    /** A walk from leaf 0. */
    RootWalk(Map<Long, Checkpoint> expectedRoots, List<Finding> findings) {
        this(expectedRoots, findings, 0, List.of());
    }

    /**
     * A walk that continues after the first {@code size} leaves, given the hashes of the perfect subtrees that tile
     * them ({@link MerkleTree#frontier}, left to right).
     */
    RootWalk(Map<Long, Checkpoint> expectedRoots, List<Finding> findings, long size, List<byte[]> frontier) {
        this.expectedRoots = expectedRoots;
        this.findings = findings;
        List<NodePosition> tiles = MerkleTree.frontier(size);
        if (tiles.size() != frontier.size()) {
            throw new IllegalArgumentException("a log of " + size + " leaves has " + tiles.size()
                    + " frontier subtrees, not " + frontier.size());
        }
        for (int i = 0; i < tiles.size(); i++) {
            stack.push(frontier.get(i));
            heights.push(tiles.get(i).level());
        }
        this.size = size;
        checkRoot();
    }

    long size() {
        return size;
    }

    void leaf(long leafIndex, long globalIndex, String aggregate, long sequence, byte[] entryHash,
              byte[] storedHash, byte[] leafHash) {
        if (leafIndex != size) {
            findings.add(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, aggregate, sequence, globalIndex, size,
                    "leaves " + size + " to " + (leafIndex - 1) + " are missing from the log"));
            size = leafIndex;
        }
        if (storedHash == null) {
            findings.add(new Finding(Finding.Kind.LOGGED_EVENT_MISSING, aggregate, sequence, globalIndex,
                    leafIndex, "the event of this leaf is no longer in the store"));
        } else if (!Arrays.equals(storedHash, entryHash)) {
            findings.add(new Finding(Finding.Kind.LOGGED_EVENT_MISSING, aggregate, sequence, globalIndex,
                    leafIndex, "the event of this leaf no longer has the entry hash the log holds"));
        }
        byte[] hash = MerkleHashes.leafHash(entryHash);
        if (leafHash == null || !Arrays.equals(leafHash, hash)) {
            findings.add(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, aggregate, sequence, globalIndex,
                    leafIndex, "the stored leaf hash is not the hash of the leaf's entry hash"));
        }
        push(hash);
        size = leafIndex + 1;
        checkRoot();
    }

    void finish() {
        for (Map.Entry<Long, Checkpoint> expected : expectedRoots.entrySet()) {
            if (expected.getKey() > size) {
                findings.add(new Finding(Finding.Kind.LOG_TRUNCATED, null, null, null, size,
                        "a checkpoint names " + expected.getKey() + " leaves but the log has only " + size));
            }
        }
    }

    /** The largest checkpoint size the walk passed with the checkpoint's root, or -1. */
    long checkpointSize() {
        return checkpointSize;
    }

    /** The frontier at {@link #checkpointSize()}, left to right. */
    List<byte[]> checkpointFrontier() {
        return checkpointFrontier;
    }

    byte[] checkpointRoot() {
        return checkpointRoot;
    }

    private void push(byte[] leafHash) {
        byte[] hash = leafHash;
        int height = 0;
        while (!heights.isEmpty() && heights.peek() == height) {
            heights.pop();
            hash = MerkleHashes.nodeHash(stack.pop(), hash);
            height++;
        }
        stack.push(hash);
        heights.push(height);
    }

    private void checkRoot() {
        Checkpoint expected = expectedRoots.get(size);
        if (expected == null) {
            return;
        }
        byte[] root = root();
        if (!Arrays.equals(root, expected.rootHash())) {
            findings.add(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, null, null, null, size == 0 ? 0 : size - 1,
                    "the first " + size + " leaves do not produce the root of the signed checkpoint of size "
                            + size));
        } else if (size > checkpointSize) {
            checkpointSize = size;
            checkpointRoot = root;
            List<byte[]> frontier = new ArrayList<>(stack.size());
            for (Iterator<byte[]> leftToRight = stack.descendingIterator(); leftToRight.hasNext(); ) {
                frontier.add(leftToRight.next());
            }
            checkpointFrontier = List.copyOf(frontier);
        }
    }

    private byte[] root() {
        if (stack.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        byte[] root = null;
        for (byte[] subtree : stack) {
            root = root == null ? subtree : MerkleHashes.nodeHash(subtree, root);
        }
        return root;
    }

    /** The root that the given frontier (left to right) folds to: the root of the leaves it tiles. */
    static byte[] rootOf(List<byte[]> frontier) {
        if (frontier.isEmpty()) {
            return MerkleHashes.emptyRoot();
        }
        byte[] root = frontier.get(frontier.size() - 1);
        for (int i = frontier.size() - 2; i >= 0; i--) {
            root = MerkleHashes.nodeHash(frontier.get(i), root);
        }
        return root;
    }
}
