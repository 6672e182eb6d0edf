package io.incidentledger.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The stored tree answers every root and proof with one query, and with the same bytes as the same tree held in
 * memory. On a {@code ledger_node} table of the subclass's database, filled by appending leaves the way the admitter
 * does: the query that reads several nodes at once is the same text on H2 and on PostgreSQL, and runs on both.
 */
abstract class JdbcNodeSourceContract {

    private static final int LEAVES = 1000;

    private final InMemoryNodeSource memory = new InMemoryNodeSource();
    private CountingJdbcTemplate jdbc;

    /** A data source on which an empty {@code ledger_node} table exists, as the migrations create it. */
    abstract DataSource emptyNodeTable();

    @BeforeEach
    void storeATreeOfAThousandLeaves() {
        jdbc = new CountingJdbcTemplate(emptyNodeTable());
        List<Object[]> rows = new ArrayList<>();
        for (int leaf = 0; leaf < LEAVES; leaf++) {
            byte[] data = ByteBuffer.allocate(4).putInt(leaf).array();
            memory.append(data);
            for (MerkleTree.Node node : MerkleTree.nodesCompletedBy(leaf, MerkleHashes.leafHash(data), memory)) {
                rows.add(new Object[] {node.level(), node.index(), node.hash()});
            }
        }
        jdbc.batchUpdate("INSERT INTO ledger_node (level, node_index, hash) VALUES (?, ?, ?)", rows);
        jdbc.queries = 0;
    }

    @Test
    void eachRootAndProofIsOneQueryWithTheSameBytesAsTheTreeInMemory() {
        MerkleTree inMemory = new MerkleTree(memory);
        Random random = new Random(14);
        for (int i = 0; i < 200; i++) {
            long size = 1 + random.nextInt(LEAVES);
            long leaf = random.nextInt((int) size);
            long from = 1 + random.nextInt((int) size);

            assertThat(stored().root(size)).isEqualTo(inMemory.root(size));
            assertThat(jdbc.takeQueries()).as("queries for the root of %d", size).isOne();

            assertThat(stored().inclusionProof(leaf, size)).containsExactlyElementsOf(inMemory.inclusionProof(leaf, size));
            assertThat(jdbc.takeQueries()).as("queries for leaf %d of %d", leaf, size).isEqualTo(size == 1 ? 0 : 1);

            List<byte[]> proof = stored().consistencyProof(from, size);
            assertThat(proof).containsExactlyElementsOf(inMemory.consistencyProof(from, size));
            assertThat(jdbc.takeQueries()).as("queries for %d -> %d", from, size).isEqualTo(proof.isEmpty() ? 0 : 1);
        }
    }

    @Test
    void theNodesAppendingNeedsAfterAPrefixAreTheFrontierReadInOneQuery() {
        JdbcNodeSource nodes = new JdbcNodeSource(jdbc);
        nodes.load(MerkleTree.frontier(777));
        assertThat(jdbc.takeQueries()).isOne();

        byte[] leafHash = MerkleHashes.leafHash(new byte[] {7});
        assertThat(MerkleTree.nodesCompletedBy(777, leafHash, nodes))
                .isEqualTo(MerkleTree.nodesCompletedBy(777, leafHash, memory));
        assertThat(jdbc.takeQueries()).as("nothing more is read").isZero();
    }

    /** The stored tree as {@link LedgerLog} reads it: a new node source, with nothing at hand, for each question. */
    private MerkleTree stored() {
        return new MerkleTree(new JdbcNodeSource(jdbc));
    }

    /** Counts the queries that read rows. */
    private static final class CountingJdbcTemplate extends JdbcTemplate {

        private long queries;

        CountingJdbcTemplate(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public void query(String sql, RowCallbackHandler handler, Object... arguments) {
            queries++;
            super.query(sql, handler, arguments);
        }

        long takeQueries() {
            long taken = queries;
            queries = 0;
            return taken;
        }
    }
}
