package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tree over stored perfect subtrees against a naive recursive reading of the RFC 9162 definitions (MTH, PATH,
 * SUBPROOF), for every tree size from 1 to {@value #EXHAUSTIVE} and seeded random sizes up to {@value #LOG_SIZE};
 * and every proof verifies while every tampered one does not.
 */
class MerklePropertyTest {

    private static final int EXHAUSTIVE = 70;
    private static final int LOG_SIZE = 3000;
    private static final int RANDOM_SAMPLES = 300;

    private static final List<byte[]> LEAF_HASHES = new ArrayList<>();
    private static final InMemoryNodeSource LOG = new InMemoryNodeSource();

    @BeforeAll
    static void buildLog() {
        Random random = new Random(9162);
        for (int i = 0; i < LOG_SIZE; i++) {
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            LEAF_HASHES.add(MerkleHashes.leafHash(data));
            assertThat(LOG.append(data)).isEqualTo(i);
        }
    }

    @Test
    void rootsAgreeWithTheReference() {
        for (int size = 1; size <= EXHAUSTIVE; size++) {
            assertThat(hex(treeOfSize(size).root(size))).as("size %d", size).isEqualTo(hex(referenceRoot(size)));
        }
        Random random = new Random(1);
        for (int i = 0; i < RANDOM_SAMPLES; i++) {
            int size = 1 + random.nextInt(LOG_SIZE);
            assertThat(hex(treeOfSize(size).root(size))).as("size %d", size).isEqualTo(hex(referenceRoot(size)));
        }
    }

    @Test
    void everyInclusionProofAgreesVerifiesAndResistsTampering() {
        for (int size = 1; size <= EXHAUSTIVE; size++) {
            for (int index = 0; index < size; index++) {
                checkInclusion(index, size, true);
            }
        }
        Random random = new Random(2);
        for (int i = 0; i < RANDOM_SAMPLES; i++) {
            int size = 1 + random.nextInt(LOG_SIZE);
            checkInclusion(random.nextInt(size), size, false);
        }
    }

    @Test
    void everyConsistencyProofAgreesVerifiesAndResistsTampering() {
        for (int size = 1; size <= EXHAUSTIVE; size++) {
            for (int from = 1; from <= size; from++) {
                checkConsistency(from, size, true);
            }
        }
        Random random = new Random(3);
        for (int i = 0; i < RANDOM_SAMPLES; i++) {
            int size = 1 + random.nextInt(LOG_SIZE);
            checkConsistency(1 + random.nextInt(size), size, false);
        }
    }

    private static void checkInclusion(int index, int size, boolean everyWrongIndex) {
        String what = "leaf " + index + " of " + size;
        List<byte[]> path = treeOfSize(size).inclusionProof(index, size);
        assertThat(hexes(path)).as(what).isEqualTo(hexes(referencePath(index, 0, size)));

        byte[] leaf = LEAF_HASHES.get(index);
        byte[] root = referenceRoot(size);
        assertThat(ProofVerifier.verifyInclusion(leaf, index, size, path, root)).as(what).isTrue();
        assertThat(new InclusionProof(index, size, path).verify(leaf, root)).as(what).isTrue();

        for (List<byte[]> tampered : tamperedPaths(path, root)) {
            if (ProofVerifier.verifyInclusion(leaf, index, size, tampered, root)) {
                fail("%s: tampered path %s verified", what, hexes(tampered));
            }
        }
        for (byte[] wrongLeaf : bitFlips(leaf)) {
            assertThat(ProofVerifier.verifyInclusion(wrongLeaf, index, size, path, root)).as(what).isFalse();
        }
        for (byte[] wrongRoot : bitFlips(root)) {
            assertThat(ProofVerifier.verifyInclusion(leaf, index, size, path, wrongRoot)).as(what).isFalse();
        }

        List<Long> wrongIndexes = new ArrayList<>(List.of(index - 1L, index + 1L, index ^ 2L, (long) size));
        if (everyWrongIndex) {
            for (long other = 0; other < size; other++) {
                wrongIndexes.add(other);
            }
        }
        for (long wrongIndex : wrongIndexes) {
            if (wrongIndex != index) {
                assertThat(ProofVerifier.verifyInclusion(leaf, wrongIndex, size, path, root))
                        .as("%s claimed as leaf %d", what, wrongIndex).isFalse();
            }
        }
        // As claimed with the root of the true size, and with the true root of the claimed size.
        for (long wrongSize : new long[] {size * 2L, size / 2, size - 1L, size + 1L, 0, -1}) {
            if (wrongSize == size * 2L || wrongSize == size / 2) {
                assertThat(ProofVerifier.verifyInclusion(leaf, index, wrongSize, path, root))
                        .as("%s claimed in size %d", what, wrongSize).isFalse();
            }
            if (wrongSize > index && wrongSize <= LOG_SIZE) {
                assertThat(ProofVerifier.verifyInclusion(leaf, index, wrongSize, path, referenceRoot(wrongSize)))
                        .as("%s against the root of size %d", what, wrongSize).isFalse();
            }
        }
    }

    private static void checkConsistency(int from, int size, boolean everyWrongSize) {
        String what = "consistency " + from + " -> " + size;
        List<byte[]> proof = treeOfSize(size).consistencyProof(from, size);
        List<byte[]> expected = from == size ? List.of() : referenceSubproof(from, 0, size, true);
        assertThat(hexes(proof)).as(what).isEqualTo(hexes(expected));

        byte[] fromRoot = referenceRoot(from);
        byte[] toRoot = referenceRoot(size);
        assertThat(ProofVerifier.verifyConsistency(from, size, fromRoot, toRoot, proof)).as(what).isTrue();
        assertThat(new ConsistencyProof(from, size, proof).verify(fromRoot, toRoot)).as(what).isTrue();

        for (List<byte[]> tampered : tamperedPaths(proof, fromRoot, toRoot)) {
            if (ProofVerifier.verifyConsistency(from, size, fromRoot, toRoot, tampered)) {
                fail("%s: tampered proof %s verified", what, hexes(tampered));
            }
        }
        for (byte[] wrongRoot : bitFlips(fromRoot)) {
            assertThat(ProofVerifier.verifyConsistency(from, size, wrongRoot, toRoot, proof)).as(what).isFalse();
        }
        for (byte[] wrongRoot : bitFlips(toRoot)) {
            assertThat(ProofVerifier.verifyConsistency(from, size, fromRoot, wrongRoot, proof)).as(what).isFalse();
        }
        if (from == size) {
            return;
        }
        assertThat(ProofVerifier.verifyConsistency(from, size, toRoot, fromRoot, proof)).as(what).isFalse();
        assertThat(ProofVerifier.verifyConsistency(from, size, fromRoot, toRoot, List.of())).as(what).isFalse();

        // Wrong sizes, as in proof/verify_test.go, with the roots of the true sizes ...
        long[][] wrongSizes = {{from - 1L, size}, {from + 1L, size}, {from ^ 2L, size}, {from, size * 2L},
            {from, size / 2}};
        for (long[] sizes : wrongSizes) {
            if (sizes[0] != from || sizes[1] != size) {
                assertThat(ProofVerifier.verifyConsistency(sizes[0], sizes[1], fromRoot, toRoot, proof))
                        .as("%s claimed as %d -> %d", what, sizes[0], sizes[1]).isFalse();
            }
        }
        // ... and with the true roots of the claimed sizes.
        List<Long> otherFromSizes = new ArrayList<>(List.of(from - 1L, from + 1L, from ^ 2L));
        List<Long> otherToSizes = new ArrayList<>(List.of(size - 1L, size + 1L, size * 2L, size / 2L));
        if (everyWrongSize) {
            for (long other = 1; other <= size; other++) {
                otherFromSizes.add(other);
                otherToSizes.add(other);
            }
        }
        for (long otherFrom : otherFromSizes) {
            if (otherFrom != from && otherFrom >= 1 && otherFrom <= size) {
                assertThat(ProofVerifier.verifyConsistency(otherFrom, size, referenceRoot(otherFrom), toRoot, proof))
                        .as("%s claimed from %d", what, otherFrom).isFalse();
            }
        }
        for (long otherTo : otherToSizes) {
            if (otherTo != size && otherTo >= from && otherTo <= LOG_SIZE) {
                assertThat(ProofVerifier.verifyConsistency(from, otherTo, fromRoot, referenceRoot(otherTo), proof))
                        .as("%s claimed to %d", what, otherTo).isFalse();
            }
        }
    }

    /** Every single-bit flip of every element, every element left out, and an element added at every position. */
    private static List<List<byte[]>> tamperedPaths(List<byte[]> path, byte[]... roots) {
        List<List<byte[]>> tampered = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            for (byte[] flipped : bitFlips(path.get(i))) {
                List<byte[]> copy = new ArrayList<>(path);
                copy.set(i, flipped);
                tampered.add(copy);
            }
            List<byte[]> shorter = new ArrayList<>(path);
            shorter.remove(i);
            tampered.add(shorter);
        }
        List<byte[]> extras = new ArrayList<>(List.of(MerkleHashes.emptyRoot(), MerkleHashes.leafHash(new byte[0])));
        extras.addAll(List.of(roots));
        if (!path.isEmpty()) {
            extras.add(path.get(0));
            extras.add(path.get(path.size() - 1));
        }
        for (int position = 0; position <= path.size(); position++) {
            for (byte[] extra : extras) {
                List<byte[]> longer = new ArrayList<>(path);
                longer.add(position, extra);
                tampered.add(longer);
            }
        }
        return tampered;
    }

    private static List<byte[]> bitFlips(byte[] hash) {
        List<byte[]> flips = new ArrayList<>();
        for (int bit = 0; bit < hash.length * 8; bit++) {
            byte[] copy = hash.clone();
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
            flips.add(copy);
        }
        return flips;
    }

    /** A tree that may only read nodes complete within {@code size} leaves, over a log that holds more. */
    private static MerkleTree treeOfSize(long size) {
        return new MerkleTree((level, index) -> {
            if (index + 1 > (size >>> level)) {
                throw new AssertionError("read node " + level + "/" + index + " outside a tree of size " + size);
            }
            return LOG.node(level, index);
        });
    }

    // --- the RFC 9162 definitions, read literally --------------------------------------------------------------

    private static byte[] referenceRoot(long size) {
        return mth(0, (int) size);
    }

    /** MTH(D[start:end]). */
    private static byte[] mth(int start, int end) {
        int n = end - start;
        if (n == 0) {
            return MerkleHashes.emptyRoot();
        }
        if (n == 1) {
            return LEAF_HASHES.get(start);
        }
        int k = largestPowerOfTwoBelow(n);
        return MerkleHashes.nodeHash(mth(start, start + k), mth(start + k, end));
    }

    /** PATH(m, D[start:end]) with m relative to start. */
    private static List<byte[]> referencePath(int m, int start, int end) {
        int n = end - start;
        List<byte[]> path = new ArrayList<>();
        if (n == 1) {
            return path;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path.addAll(referencePath(m, start, start + k));
            path.add(mth(start + k, end));
        } else {
            path.addAll(referencePath(m - k, start + k, end));
            path.add(mth(start, start + k));
        }
        return path;
    }

    /** SUBPROOF(m, D[start:end], b) with m relative to start. */
    private static List<byte[]> referenceSubproof(int m, int start, int end, boolean b) {
        int n = end - start;
        List<byte[]> proof = new ArrayList<>();
        if (m == n) {
            if (!b) {
                proof.add(mth(start, end));
            }
            return proof;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            proof.addAll(referenceSubproof(m, start, start + k, b));
            proof.add(mth(start + k, end));
        } else {
            proof.addAll(referenceSubproof(m - k, start + k, end, false));
            proof.add(mth(start, start + k));
        }
        return proof;
    }

    private static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static List<String> hexes(List<byte[]> hashes) {
        List<String> result = new ArrayList<>();
        hashes.forEach(hash -> result.add(hex(hash)));
        return result;
    }
}
