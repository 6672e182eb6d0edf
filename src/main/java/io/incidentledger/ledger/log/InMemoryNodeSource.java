package io.incidentledger.ledger.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A log's perfect-subtree hashes held in memory: the store for tests and for a verifier that rebuilds a log from
 * an export. Appending a leaf stores the nodes it completes (O(log n) amortised, O(1) on average). Not thread-safe.
 */
public final class InMemoryNodeSource implements NodeSource {

    private final List<List<byte[]>> levels = new ArrayList<>();

    /** Appends a leaf by its data and returns its index. */
    public long append(byte[] leafData) {
        return appendLeafHash(MerkleHashes.leafHash(leafData));
    }

    /** Appends a leaf by its hash and returns its index. */
    public long appendLeafHash(byte[] leafHash) {
        long index = size();
        if (index == Integer.MAX_VALUE) {
            throw new IllegalStateException("an in-memory log holds at most " + Integer.MAX_VALUE + " leaves");
        }
        for (MerkleTree.Node node : MerkleTree.nodesCompletedBy(index, leafHash, this)) {
            if (levels.size() == node.level()) {
                levels.add(new ArrayList<>());
            }
            levels.get(node.level()).add(node.hash());
        }
        return index;
    }

    /** The number of leaves appended so far. */
    public long size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    @Override
    public byte[] node(int level, long index) {
        if (level < 0 || level >= levels.size() || index < 0 || index >= levels.get(level).size()) {
            throw new IllegalArgumentException("no complete subtree at level " + level + ", index " + index
                    + " in a log of " + size() + " leaves");
        }
        return levels.get(level).get((int) index).clone();
    }
}
