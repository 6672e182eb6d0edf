package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Proofs read O(log n) stored nodes, never the leaves, and all of them in one read: the root or a proof asks its node
 * source once, for every node it needs ({@link NodeSource#nodes}, one query on a database). The node source here
 * derives a stand-in hash for any node instead of storing a million leaves: only the number of reads and nodes, and
 * that each node read is complete in the tree asked about, matter.
 */
class MerkleNodeReadsTest {

    private static final long MILLION = 1_000_000;

    @Test
    void aMillionLeafTreeNeedsOneReadOfAtMostTwoNodesPerLevel() {
        checkReads(MILLION, new Random(7), 2000);
    }

    @Test
    void treesOfEveryMagnitudeNeedOneReadOfAtMostTwoNodesPerLevel() {
        Random random = new Random(8);
        for (long size : new long[] {1, 2, 3, (1L << 20) - 1, 1L << 20, (1L << 20) + 1, 123_456_789_012L,
            (1L << 62) + 12_345, Long.MAX_VALUE}) {
            checkReads(size, random, 200);
        }
    }

    private static void checkReads(long size, Random random, int samples) {
        long bound = 2L * levels(size) + 2;
        CountingNodeSource nodes = new CountingNodeSource(size);
        MerkleTree tree = new MerkleTree(nodes);

        tree.root(size);
        assertThat(nodes.takeBatches()).as("reads for the root of %d", size).isOne();
        assertThat(nodes.takeReads()).as("nodes of the root of %d", size).isEqualTo(Long.bitCount(size));

        for (int i = 0; i < samples; i++) {
            long index = i < 3 ? new long[] {0, size - 1, size / 2}[i] : Math.floorMod(random.nextLong(), size);
            List<byte[]> path = tree.inclusionProof(index, size);
            assertThat(nodes.takeBatches()).as("reads for leaf %d of %d", index, size)
                    .isEqualTo(path.isEmpty() ? 0 : 1);
            assertThat(nodes.takeReads()).as("nodes for leaf %d of %d", index, size).isLessThanOrEqualTo(bound);

            long from = i < 3 ? new long[] {1, size, Long.highestOneBit(size)}[i]
                    : 1 + Math.floorMod(random.nextLong(), size);
            List<byte[]> proof = tree.consistencyProof(from, size);
            assertThat(nodes.takeBatches()).as("reads for %d -> %d", from, size).isEqualTo(proof.isEmpty() ? 0 : 1);
            assertThat(nodes.takeReads()).as("nodes for %d -> %d", from, size).isLessThanOrEqualTo(bound);
        }
    }

    /** ceil(log2(size)): the height of the tree. */
    private static int levels(long size) {
        return size == 1 ? 0 : 64 - Long.numberOfLeadingZeros(size - 1);
    }

    /**
     * Stands in SHA-256(level || index) for any node that is complete in a tree of {@code size} leaves; counts the
     * reads ({@link #nodes} calls, each one query on a database) and the nodes read.
     */
    private static final class CountingNodeSource implements NodeSource {

        private final long size;
        private long reads;
        private long batches;

        CountingNodeSource(long size) {
            this.size = size;
        }

        @Override
        public byte[] node(int level, long index) {
            assertThat(level).isBetween(0, 62);
            assertThat(index).isNotNegative().isLessThan(size >>> level);
            reads++;
            return MerkleHashes.leafHash(ByteBuffer.allocate(12).putInt(level).putLong(index).array());
        }

        @Override
        public Map<NodePosition, byte[]> nodes(Collection<NodePosition> positions) {
            batches++;
            Map<NodePosition, byte[]> found = new HashMap<>();
            positions.forEach(position -> found.put(position, node(position.level(), position.index())));
            return found;
        }

        long takeBatches() {
            long taken = batches;
            batches = 0;
            return taken;
        }

        long takeReads() {
            long taken = reads;
            reads = 0;
            return taken;
        }
    }
}
