package io.incidentledger.ledger.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The log's Merkle tree as RFC 9162 section 2.1 defines it, read from the stored hashes of its perfect subtrees.
 *
 * <p>One instance serves every tree size the {@link NodeSource} holds leaves for: a tree of size {@code n} is the
 * tree over the first {@code n} leaves. The root, an audit path and a consistency proof each need O(log n) nodes,
 * all known before the first is read, and read together ({@link NodeSource#nodes}: one query on a database); the
 * hash of a subtree whose right edge is not a power-of-two boundary is computed from the perfect subtrees that tile
 * it. No method reads all leaves.
 *
 * <p>Written here rather than taken from a library: the tree is kept in the database and grows by appends, and a proof
 * must read a few stored nodes rather than load every leaf into a library's in-memory tree.
 */
public final class MerkleTree {

    /** One stored node: the hash of the perfect subtree at {@code level} and {@code index} (see {@link NodeSource}). */
    public record Node(int level, long index, byte[] hash) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Node node && level == node.level && index == node.index
                    && Arrays.equals(hash, node.hash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(level, index, Arrays.hashCode(hash));
        }

        @Override
        public String toString() {
            return "Node[level=" + level + ", index=" + index + ", hash=" + HexFormat.of().formatHex(hash) + "]";
        }
    }

    private final NodeSource nodes;

    public MerkleTree(NodeSource nodes) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
    }

    /**
     * The nodes that appending the leaf at {@code leafIndex} completes, lowest level first: the leaf itself, then
     * every parent whose subtree the leaf closes. The store writes exactly these, in the same transaction as the
     * leaf; {@code existing} must hold every node of the tree of {@code leafIndex} leaves.
     */
    public static List<Node> nodesCompletedBy(long leafIndex, byte[] leafHash, NodeSource existing) {
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leaf index must not be negative: " + leafIndex);
        }
        if (!MerkleHashes.isHash(leafHash)) {
            throw new IllegalArgumentException("a leaf hash has " + MerkleHashes.HASH_LENGTH + " bytes");
        }
        Objects.requireNonNull(existing, "existing");
        List<Node> completed = new ArrayList<>();
        int level = 0;
        long index = leafIndex;
        byte[] hash = leafHash.clone();
        completed.add(new Node(level, index, hash));
        // An odd index is a right child: its left sibling is already stored, so the parent is now complete.
        while ((index & 1) == 1) {
            hash = MerkleHashes.nodeHash(read(existing, level, index - 1), hash);
            level++;
            index >>>= 1;
            completed.add(new Node(level, index, hash));
        }
        return Collections.unmodifiableList(completed);
    }

    /** MTH(D[0:treeSize]): the root hash of the tree of {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size must not be negative: " + treeSize);
        }
        if (treeSize == 0) {
            return MerkleHashes.emptyRoot();
        }
        return hashes(List.of(new Range(0, treeSize))).get(0);
    }

    /**
     * The perfect subtrees that tile the first {@code size} leaves, left to right (the binary digits of
     * {@code size}, highest first): the nodes the root of that tree folds, and the left siblings that appending the
     * leaves after it will need.
     */
    public static List<NodePosition> frontier(long size) {
        return new Range(0, size).tiles();
    }

    /**
     * PATH(leafIndex, D[0:treeSize]) of RFC 9162 section 2.1.3.1: the audit path of the leaf, from its sibling up
     * to the child of the root.
     */
    public List<byte[]> inclusionProof(long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException(
                    "leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        List<Range> path = new ArrayList<>();
        appendPath(leafIndex, 0, treeSize, path);
        return hashes(path);
    }

    /**
     * PROOF(fromSize, D[0:toSize]) of RFC 9162 section 2.1.4.1: the consistency proof from the tree of
     * {@code fromSize} leaves to the tree of {@code toSize} leaves; empty when the sizes are equal.
     */
    public List<byte[]> consistencyProof(long fromSize, long toSize) {
        if (fromSize <= 0 || fromSize > toSize) {
            throw new IllegalArgumentException(
                    "a consistency proof needs 0 < fromSize <= toSize, got " + fromSize + " and " + toSize);
        }
        List<Range> proof = new ArrayList<>();
        if (fromSize < toSize) {
            appendSubproof(fromSize, 0, toSize, true, proof);
        }
        return hashes(proof);
    }

    /** PATH(leafIndex - start, D[start:end]): the subtrees whose hashes make it, appended to {@code path}. */
    private static void appendPath(long leafIndex, long start, long end, List<Range> path) {
        if (end - start == 1) {
            return;
        }
        long split = start + largestPowerOfTwoBelow(end - start);
        if (leafIndex < split) {
            appendPath(leafIndex, start, split, path);
            path.add(new Range(split, end));
        } else {
            appendPath(leafIndex, split, end, path);
            path.add(new Range(start, split));
        }
    }

    /** SUBPROOF(fromSize - start, D[start:end], wholeOldTree): its subtrees, appended to {@code proof}. */
    private static void appendSubproof(long fromSize, long start, long end, boolean wholeOldTree, List<Range> proof) {
        if (fromSize == end) {
            // The verifier knows the old root itself, so the proof omits it when this subtree is the whole old tree.
            if (!wholeOldTree) {
                proof.add(new Range(start, end));
            }
            return;
        }
        long split = start + largestPowerOfTwoBelow(end - start);
        if (fromSize <= split) {
            appendSubproof(fromSize, start, split, wholeOldTree, proof);
            proof.add(new Range(split, end));
        } else {
            appendSubproof(fromSize, split, end, false, proof);
            proof.add(new Range(start, split));
        }
    }

    /**
     * MTH of each range, in order. Every stored node they need is known before any is read, so all are read at
     * once: one {@link NodeSource#nodes} call, one query on a database.
     */
    private List<byte[]> hashes(List<Range> ranges) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        Set<NodePosition> needed = new LinkedHashSet<>();
        ranges.forEach(range -> needed.addAll(range.tiles()));
        Map<NodePosition, byte[]> found = nodes.nodes(needed);
        List<byte[]> hashes = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            hashes.add(range.hash(found));
        }
        return Collections.unmodifiableList(hashes);
    }

    /**
     * The leaves {@code [start, end)} of a subtree the RFC recursion reaches, whose start is therefore aligned to the
     * smallest power of two not below its size.
     */
    private record Range(long start, long end) {

        /**
         * Such a subtree is a left-to-right run of perfect subtrees of falling sizes (the binary digits of its size);
         * a perfect subtree is one stored node.
         */
        List<NodePosition> tiles() {
            List<NodePosition> tiles = new ArrayList<>();
            long position = start;
            while (position < end) {
                int level = 63 - Long.numberOfLeadingZeros(end - position);
                tiles.add(new NodePosition(level, position >>> level));
                position += 1L << level;
            }
            return tiles;
        }

        /** MTH(D[start:end]): its tiles folded from the right. */
        byte[] hash(Map<NodePosition, byte[]> found) {
            List<NodePosition> tiles = tiles();
            byte[] hash = valid(found, tiles.get(tiles.size() - 1));
            for (int i = tiles.size() - 2; i >= 0; i--) {
                hash = MerkleHashes.nodeHash(valid(found, tiles.get(i)), hash);
            }
            return hash;
        }
    }

    private static byte[] valid(Map<NodePosition, byte[]> found, NodePosition position) {
        byte[] hash = found.get(position);
        if (!MerkleHashes.isHash(hash)) {
            throw new IllegalStateException("node source returned no valid hash for level " + position.level()
                    + ", index " + position.index());
        }
        return hash;
    }

    private static byte[] read(NodeSource source, int level, long index) {
        byte[] hash = source.node(level, index);
        if (!MerkleHashes.isHash(hash)) {
            throw new IllegalStateException("node source returned no valid hash for level " + level
                    + ", index " + index);
        }
        return hash;
    }

    /** The largest power of two strictly below {@code n}, for {@code n > 1}. */
    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
