package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Appending leaves, the nodes each append completes, and the arguments the tree refuses. */
class MerkleTreeTest {

    @Test
    void appendingStoresEveryCompletedPerfectSubtree() {
        InMemoryNodeSource log = new InMemoryNodeSource();
        for (int i = 0; i < 8; i++) {
            assertThat(log.append(data(i))).isEqualTo(i);
        }
        assertThat(log.size()).isEqualTo(8);
        assertThat(log.node(0, 5)).isEqualTo(MerkleHashes.leafHash(data(5)));
        assertThat(log.node(1, 2)).isEqualTo(MerkleHashes.nodeHash(log.node(0, 4), log.node(0, 5)));
        assertThat(log.node(2, 1)).isEqualTo(MerkleHashes.nodeHash(log.node(1, 2), log.node(1, 3)));
        assertThat(log.node(3, 0)).isEqualTo(new MerkleTree(log).root(8));
        assertThatThrownBy(() -> log.node(0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.node(4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.node(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeafCompletesItselfAndEveryParentItCloses() {
        InMemoryNodeSource log = new InMemoryNodeSource();
        for (int i = 0; i < 7; i++) {
            log.append(data(i));
        }
        byte[] leafHash = MerkleHashes.leafHash(data(7));
        List<MerkleTree.Node> completed = MerkleTree.nodesCompletedBy(7, leafHash, log);

        assertThat(completed).extracting(MerkleTree.Node::level, MerkleTree.Node::index)
                .containsExactly(tuple(0, 7L), tuple(1, 3L), tuple(2, 1L), tuple(3, 0L));
        assertThat(completed.get(0).hash()).isEqualTo(leafHash);
        assertThat(completed.get(3).hash()).isEqualTo(rootAfterAppending(log, data(7), 8));

        assertThat(MerkleTree.nodesCompletedBy(8, leafHash, log)).extracting(MerkleTree.Node::level)
                .containsExactly(0);
    }

    @Test
    void aStoreBuiltFromCompletedNodesServesTheSameTree() {
        // What a database-backed store does: insert the completed nodes of each leaf, read them back by key.
        Map<String, byte[]> rows = new HashMap<>();
        NodeSource table = (level, index) -> rows.get(level + "/" + index);
        InMemoryNodeSource reference = new InMemoryNodeSource();
        for (int i = 0; i < 100; i++) {
            for (MerkleTree.Node node : MerkleTree.nodesCompletedBy(i, MerkleHashes.leafHash(data(i)), table)) {
                assertThat(rows.put(node.level() + "/" + node.index(), node.hash())).isNull();
            }
            reference.append(data(i));
        }
        assertThat(rows).hasSize(100 + 50 + 25 + 12 + 6 + 3 + 1);
        for (int size = 1; size <= 100; size++) {
            assertThat(new MerkleTree(table).root(size)).isEqualTo(new MerkleTree(reference).root(size));
        }
    }

    @Test
    void refusesArgumentsOutsideTheTree() {
        InMemoryNodeSource log = new InMemoryNodeSource();
        for (int i = 0; i < 5; i++) {
            log.append(data(i));
        }
        MerkleTree tree = new MerkleTree(log);
        assertThatThrownBy(() -> tree.root(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.nodesCompletedBy(-1, MerkleHashes.leafHash(data(0)), log))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.nodesCompletedBy(5, new byte[31], log))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.appendLeafHash(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.size()).isEqualTo(5);
    }

    @Test
    void aNodeSourceWithoutTheNodeIsAnError() {
        MerkleTree tree = new MerkleTree((level, index) -> null);
        assertThatThrownBy(() -> tree.root(3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void returnedHashesDoNotAliasTheStore() {
        InMemoryNodeSource log = new InMemoryNodeSource();
        log.append(data(0));
        log.append(data(1));
        byte[] before = log.node(0, 0);
        new MerkleTree(log).inclusionProof(1, 2).get(0)[0] ^= 1;
        log.node(0, 0)[0] ^= 1;
        MerkleHashes.emptyRoot()[0] ^= 1;
        assertThat(log.node(0, 0)).isEqualTo(before);
        assertThat(MerkleHashes.emptyRoot()).isEqualTo(new MerkleTree(log).root(0));
        assertThat(MerkleHashes.emptyRoot()[0]).isEqualTo((byte) 0xe3);
    }

    private static byte[] rootAfterAppending(InMemoryNodeSource log, byte[] leafData, long size) {
        InMemoryNodeSource copy = new InMemoryNodeSource();
        for (long i = 0; i < log.size(); i++) {
            copy.appendLeafHash(log.node(0, i));
        }
        copy.append(leafData);
        return new MerkleTree(copy).root(size);
    }

    private static byte[] data(int i) {
        return ("entry " + i).getBytes(StandardCharsets.UTF_8);
    }
}
