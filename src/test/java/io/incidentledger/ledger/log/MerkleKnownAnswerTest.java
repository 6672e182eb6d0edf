package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Known answers from the reference implementation, transparency-dev/merkle (Go), copied from:
 * <ul>
 * <li>{@code rfc6962/rfc6962_test.go} (TestRFC6962Hasher): the empty root and the leaf and node hashes;</li>
 * <li>{@code proof/verify_test.go}: the eight standard leaves, the roots of the trees of sizes 1 to 8 over them,
 * and the inclusion and consistency proofs ({@code inclusionProofs}, {@code consistencyProofs}; that file numbers
 * leaves from 1, here they are numbered from 0);</li>
 * <li>{@code proof/proof_test.go} (TestInclusion, TestConsistency): which stored nodes make up a proof, with the
 * partial subtrees on the right edge hashed from the nodes that tile them.</li>
 * </ul>
 */
class MerkleKnownAnswerTest {

    private static final List<byte[]> LEAVES = List.of(
            hex(""),
            hex("00"),
            hex("10"),
            hex("2021"),
            hex("3031"),
            hex("40414243"),
            hex("5051525354555657"),
            hex("606162636465666768696a6b6c6d6e6f"));

    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static final String EMPTY_TREE = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private record InclusionVector(long leafIndex, long treeSize, List<String> path) {
    }

    private record ConsistencyVector(long fromSize, long toSize, List<String> path) {
    }

    private static final List<InclusionVector> INCLUSION = List.of(
            new InclusionVector(0, 1, List.of()),
            new InclusionVector(0, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new InclusionVector(5, 8, List.of(
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new InclusionVector(2, 3, List.of(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new InclusionVector(1, 5, List.of(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    private static final List<ConsistencyVector> CONSISTENCY = List.of(
            new ConsistencyVector(1, 1, List.of()),
            new ConsistencyVector(1, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new ConsistencyVector(6, 8, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new ConsistencyVector(2, 5, List.of(
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new ConsistencyVector(6, 7, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    @Test
    void hashesMatchTheReferenceHasher() {
        assertThat(hex(MerkleHashes.emptyRoot())).isEqualTo(EMPTY_TREE);
        assertThat(hex(MerkleHashes.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(hex(MerkleHashes.leafHash(ascii("L123456"))))
                .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
        assertThat(hex(MerkleHashes.nodeHash(ascii("N123"), ascii("N456"))))
                .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    }

    @Test
    void emptyTreeRootIsTheHashOfTheEmptyString() {
        assertThat(hex(new MerkleTree(new InMemoryNodeSource()).root(0))).isEqualTo(EMPTY_TREE);
    }

    @Test
    void rootsOfEveryTreeSizeMatch() {
        MerkleTree tree = new MerkleTree(standardLog());
        for (int size = 1; size <= LEAVES.size(); size++) {
            assertThat(hex(tree.root(size))).as("root of size %d", size).isEqualTo(ROOTS.get(size - 1));
        }
    }

    @Test
    void inclusionProofsMatchAndVerify() {
        MerkleTree tree = new MerkleTree(standardLog());
        for (InclusionVector vector : INCLUSION) {
            List<byte[]> path = tree.inclusionProof(vector.leafIndex(), vector.treeSize());
            assertThat(hexes(path)).as("%s", vector).isEqualTo(vector.path());
            byte[] leafHash = MerkleHashes.leafHash(LEAVES.get((int) vector.leafIndex()));
            byte[] root = hex(ROOTS.get((int) vector.treeSize() - 1));
            assertThat(ProofVerifier.verifyInclusion(leafHash, vector.leafIndex(), vector.treeSize(),
                    decode(vector.path()), root)).as("%s", vector).isTrue();
        }
    }

    @Test
    void consistencyProofsMatchAndVerify() {
        MerkleTree tree = new MerkleTree(standardLog());
        for (ConsistencyVector vector : CONSISTENCY) {
            List<byte[]> path = tree.consistencyProof(vector.fromSize(), vector.toSize());
            assertThat(hexes(path)).as("%s", vector).isEqualTo(vector.path());
            byte[] fromRoot = hex(ROOTS.get((int) vector.fromSize() - 1));
            byte[] toRoot = hex(ROOTS.get((int) vector.toSize() - 1));
            assertThat(ProofVerifier.verifyConsistency(vector.fromSize(), vector.toSize(), fromRoot, toRoot,
                    decode(vector.path()))).as("%s", vector).isTrue();
        }
    }

    /** proof/proof_test.go TestInclusion: the nodes of each audit path; {@code fold} hashes a right-edge run. */
    @Test
    void inclusionProofsConsistOfTheReferenceNodes() {
        Nodes n = new Nodes(100);
        MerkleTree tree = new MerkleTree(n.source);
        assertThat(tree.inclusionProof(0, 1)).isEmpty();
        assertPath(tree.inclusionProof(0, 2), n.get(0, 1));
        assertPath(tree.inclusionProof(1, 2), n.get(0, 0));
        assertPath(tree.inclusionProof(1, 3), n.get(0, 0), n.get(0, 2));
        assertPath(tree.inclusionProof(0, 7), n.get(0, 1), n.get(1, 1), n.fold(0, 6, 1, 2));
        assertPath(tree.inclusionProof(1, 7), n.get(0, 0), n.get(1, 1), n.fold(0, 6, 1, 2));
        assertPath(tree.inclusionProof(2, 7), n.get(0, 3), n.get(1, 0), n.fold(0, 6, 1, 2));
        assertPath(tree.inclusionProof(3, 7), n.get(0, 2), n.get(1, 0), n.fold(0, 6, 1, 2));
        assertPath(tree.inclusionProof(4, 7), n.get(0, 5), n.get(0, 6), n.get(2, 0));
        assertPath(tree.inclusionProof(5, 7), n.get(0, 4), n.get(0, 6), n.get(2, 0));
        assertPath(tree.inclusionProof(6, 7), n.get(1, 2), n.get(2, 0));
        assertPath(tree.inclusionProof(2, 4), n.get(0, 3), n.get(1, 0));
        assertPath(tree.inclusionProof(3, 5), n.get(0, 2), n.get(1, 0), n.get(0, 4));
        assertPath(tree.inclusionProof(3, 6), n.get(0, 2), n.get(1, 0), n.get(1, 2));
        assertPath(tree.inclusionProof(4, 6), n.get(0, 5), n.get(2, 0));
        assertPath(tree.inclusionProof(10, 15), n.get(0, 11), n.get(1, 4), n.fold(0, 14, 1, 6), n.get(3, 0));
        assertPath(tree.inclusionProof(24, 31), n.get(0, 25), n.get(1, 13), n.fold(0, 30, 1, 14),
                n.get(3, 2), n.get(4, 0));
        assertPath(tree.inclusionProof(81, 95), n.get(0, 80), n.get(1, 41), n.get(2, 21),
                n.fold(0, 94, 1, 46, 2, 22), n.get(4, 4), n.get(6, 0));
    }

    /** proof/proof_test.go TestConsistency: the nodes of each consistency proof. */
    @Test
    void consistencyProofsConsistOfTheReferenceNodes() {
        Nodes n = new Nodes(100);
        MerkleTree tree = new MerkleTree(n.source);
        assertPath(tree.consistencyProof(1, 2), n.get(0, 1));
        assertPath(tree.consistencyProof(1, 4), n.get(0, 1), n.get(1, 1));
        assertPath(tree.consistencyProof(1, 6), n.get(0, 1), n.get(1, 1), n.get(1, 2));
        assertPath(tree.consistencyProof(2, 3), n.get(0, 2));
        assertPath(tree.consistencyProof(2, 8), n.get(1, 1), n.get(2, 1));
        assertPath(tree.consistencyProof(3, 7), n.get(0, 2), n.get(0, 3), n.get(1, 0), n.fold(0, 6, 1, 2));
        assertPath(tree.consistencyProof(4, 7), n.fold(0, 6, 1, 2));
        assertPath(tree.consistencyProof(5, 7), n.get(0, 4), n.get(0, 5), n.get(0, 6), n.get(2, 0));
        assertPath(tree.consistencyProof(6, 7), n.get(1, 2), n.get(0, 6), n.get(2, 0));
        assertPath(tree.consistencyProof(7, 8), n.get(0, 6), n.get(0, 7), n.get(1, 2), n.get(2, 0));
        for (long size : new long[] {1, 2, 3, 4, 5, 7, 8}) {
            assertThat(tree.consistencyProof(size, size)).isEmpty();
        }
        assertPath(tree.consistencyProof(2, 4), n.get(1, 1));
        assertPath(tree.consistencyProof(3, 5), n.get(0, 2), n.get(0, 3), n.get(1, 0), n.get(0, 4));
        assertPath(tree.consistencyProof(3, 6), n.get(0, 2), n.get(0, 3), n.get(1, 0), n.get(1, 2));
        assertPath(tree.consistencyProof(4, 6), n.get(1, 2));
        assertPath(tree.consistencyProof(1, 7), n.get(0, 1), n.get(1, 1), n.fold(0, 6, 1, 2));
        assertPath(tree.consistencyProof(10, 15), n.get(1, 4), n.get(1, 5), n.fold(0, 14, 1, 6), n.get(3, 0));
        assertPath(tree.consistencyProof(24, 31), n.get(3, 2), n.fold(0, 30, 1, 14, 2, 6), n.get(4, 0));
        assertPath(tree.consistencyProof(81, 95), n.get(0, 80), n.get(0, 81), n.get(1, 41), n.get(2, 21),
                n.fold(0, 94, 1, 46, 2, 22), n.get(4, 4), n.get(6, 0));
    }

    /** Stored nodes of a log of arbitrary leaves, by (level, index) as proof_test.go names them. */
    private static final class Nodes {

        final InMemoryNodeSource source = new InMemoryNodeSource();

        Nodes(int leaves) {
            for (int i = 0; i < leaves; i++) {
                source.append(ascii("leaf " + i));
            }
        }

        byte[] get(int level, long index) {
            return source.node(level, index);
        }

        /** The hash of a right-edge run given bottom-up as (level, index) pairs, as proof.Nodes.Rehash folds it. */
        byte[] fold(long... levelIndexPairs) {
            byte[] hash = get((int) levelIndexPairs[0], levelIndexPairs[1]);
            for (int i = 2; i < levelIndexPairs.length; i += 2) {
                hash = MerkleHashes.nodeHash(get((int) levelIndexPairs[i], levelIndexPairs[i + 1]), hash);
            }
            return hash;
        }
    }

    private static void assertPath(List<byte[]> actual, byte[]... expected) {
        assertThat(hexes(actual)).isEqualTo(hexes(List.of(expected)));
    }

    private static InMemoryNodeSource standardLog() {
        InMemoryNodeSource log = new InMemoryNodeSource();
        LEAVES.forEach(log::append);
        return log;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static List<String> hexes(List<byte[]> hashes) {
        List<String> result = new ArrayList<>();
        hashes.forEach(hash -> result.add(hex(hash)));
        return result;
    }

    private static List<byte[]> decode(List<String> hashes) {
        List<byte[]> result = new ArrayList<>();
        hashes.forEach(hash -> result.add(hex(hash)));
        return result;
    }
}
