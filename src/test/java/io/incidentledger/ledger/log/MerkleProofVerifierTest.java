package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The verifier's answers at the edges, after TestVerifyInclusionSingleEntry, TestVerifyInclusion and
 * TestVerifyConsistency in transparency-dev/merkle {@code proof/verify_test.go}: malformed input is {@code false},
 * never an exception.
 */
class MerkleProofVerifierTest {

    private static final byte[] SOME_HASH =
            HexFormat.of().parseHex("abacaba000000000000000000000000000000000000000000060061e00123456");
    private static final byte[] EMPTY_TREE = MerkleHashes.emptyRoot();

    @Test
    void aSingleLeafIsItsOwnRoot() {
        byte[] hash = MerkleHashes.leafHash("data".getBytes(StandardCharsets.UTF_8));
        assertThat(ProofVerifier.verifyInclusion(hash, 0, 1, List.of(), hash)).isTrue();
        assertThat(ProofVerifier.verifyInclusion(hash, 0, 1, List.of(), new byte[0])).isFalse();
        assertThat(ProofVerifier.verifyInclusion(new byte[0], 0, 1, List.of(), hash)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(new byte[0], 0, 1, List.of(), new byte[0])).isFalse();
        assertThat(ProofVerifier.verifyInclusion(hash, 0, 1, List.of(SOME_HASH), hash)).isFalse();
    }

    @Test
    void inclusionOutsideTheTreeIsFalse() {
        long[][] indexAndSize = {{0, 0}, {0, 1}, {1, 0}, {2, 1}, {-1, 1}, {0, -1}, {Long.MAX_VALUE, Long.MAX_VALUE},
            {Long.MIN_VALUE, 1}};
        for (long[] probe : indexAndSize) {
            long index = probe[0];
            long size = probe[1];
            assertThat(ProofVerifier.verifyInclusion(SOME_HASH, index, size, List.of(), new byte[0])).isFalse();
            assertThat(ProofVerifier.verifyInclusion(new byte[0], index, size, List.of(), EMPTY_TREE)).isFalse();
            assertThat(ProofVerifier.verifyInclusion(SOME_HASH, index, size, List.of(), EMPTY_TREE)).isFalse();
        }
    }

    @Test
    void malformedInclusionInputIsFalseNotAnException() {
        InMemoryNodeSource log = log(5);
        MerkleTree tree = new MerkleTree(log);
        byte[] leaf = log.node(0, 2);
        byte[] root = tree.root(5);
        List<byte[]> path = tree.inclusionProof(2, 5);
        assertThat(ProofVerifier.verifyInclusion(leaf, 2, 5, path, root)).isTrue();

        assertThat(ProofVerifier.verifyInclusion(null, 2, 5, path, root)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(leaf, 2, 5, null, root)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(leaf, 2, 5, path, null)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(leaf, 2, 5, withNull(path), root)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(leaf, 2, 5, replaced(path, 1, new byte[0]), root)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(leaf, 2, 5,
                replaced(path, 1, Arrays.copyOf(path.get(1), 33)), root)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(leaf, 2, 5, path, Arrays.copyOf(root, 31))).isFalse();
    }

    @Test
    void consistencyEdgeCases() {
        byte[] root1 = MerkleHashes.leafHash("don't care 1".getBytes(StandardCharsets.UTF_8));
        byte[] root2 = MerkleHashes.leafHash("don't care 2".getBytes(StandardCharsets.UTF_8));
        List<byte[]> empty = List.of();
        List<byte[]> oneHash = List.of(EMPTY_TREE);

        assertThat(ProofVerifier.verifyConsistency(1, 1, root1, root2, empty)).isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 1, root2, root2, empty)).isTrue();
        assertThat(ProofVerifier.verifyConsistency(5, 5, root2, root2, empty)).isTrue();
        // Time travel to the past.
        assertThat(ProofVerifier.verifyConsistency(1, 0, root1, root2, empty)).isFalse();
        assertThat(ProofVerifier.verifyConsistency(2, 1, root1, root2, empty)).isFalse();
        // Growth with an empty proof.
        assertThat(ProofVerifier.verifyConsistency(1, 2, root1, root2, empty)).isFalse();
        // Equal roots, but a proof that should be empty is not.
        assertThat(ProofVerifier.verifyConsistency(1, 1, EMPTY_TREE, EMPTY_TREE, oneHash)).isFalse();
        // RFC 9162 defines no consistency proof from the empty tree.
        assertThat(ProofVerifier.verifyConsistency(0, 0, EMPTY_TREE, EMPTY_TREE, empty)).isFalse();
        assertThat(ProofVerifier.verifyConsistency(0, 1, EMPTY_TREE, root2, empty)).isFalse();
        assertThat(ProofVerifier.verifyConsistency(-1, 1, root1, root2, oneHash)).isFalse();
        // Roots that are no hashes.
        byte[] notAHash = "WrongRoot".getBytes(StandardCharsets.UTF_8);
        assertThat(ProofVerifier.verifyConsistency(1, 1, notAHash, notAHash, empty)).isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 1, null, null, empty)).isFalse();
    }

    @Test
    void malformedConsistencyInputIsFalseNotAnException() {
        MerkleTree tree = new MerkleTree(log(13));
        for (long[] sizes : new long[][] {{4, 13}, {5, 13}, {12, 13}}) {
            long from = sizes[0];
            long to = sizes[1];
            byte[] fromRoot = tree.root(from);
            byte[] toRoot = tree.root(to);
            List<byte[]> proof = tree.consistencyProof(from, to);
            assertThat(ProofVerifier.verifyConsistency(from, to, fromRoot, toRoot, proof)).isTrue();

            assertThat(ProofVerifier.verifyConsistency(from, to, fromRoot, toRoot, null)).isFalse();
            assertThat(ProofVerifier.verifyConsistency(from, to, fromRoot, toRoot, withNull(proof))).isFalse();
            assertThat(ProofVerifier.verifyConsistency(from, to, fromRoot, toRoot,
                    replaced(proof, 0, new byte[0]))).isFalse();
            assertThat(ProofVerifier.verifyConsistency(from, to, Arrays.copyOf(fromRoot, 33), toRoot, proof))
                    .isFalse();
            assertThat(ProofVerifier.verifyConsistency(from, Long.MAX_VALUE, fromRoot, toRoot, proof)).isFalse();
            assertThat(ProofVerifier.verifyConsistency(Long.MIN_VALUE, to, fromRoot, toRoot, proof)).isFalse();
        }
    }

    private static InMemoryNodeSource log(int leaves) {
        InMemoryNodeSource log = new InMemoryNodeSource();
        for (int i = 0; i < leaves; i++) {
            log.append(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        return log;
    }

    private static List<byte[]> withNull(List<byte[]> path) {
        List<byte[]> copy = new ArrayList<>(path);
        copy.add(1, null);
        return copy;
    }

    private static List<byte[]> replaced(List<byte[]> path, int position, byte[] element) {
        List<byte[]> copy = new ArrayList<>(path);
        copy.set(position, element);
        return copy;
    }
}
