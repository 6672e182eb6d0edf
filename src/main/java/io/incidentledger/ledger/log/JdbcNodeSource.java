package io.incidentledger.ledger.log;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The log's perfect-subtree hashes in {@code ledger_node}, with nodes written in the current admission kept at
 * hand so that the batch sees its own writes without reading them back.
 */
final class JdbcNodeSource implements NodeSource {

    private final JdbcTemplate jdbc;
    private final Map<Long, byte[]> written = new HashMap<>();

    JdbcNodeSource(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] node(int level, long index) {
        byte[] cached = written.get(key(level, index));
        if (cached != null) {
            return cached;
        }
        List<byte[]> found = jdbc.query("SELECT hash FROM ledger_node WHERE level = ? AND node_index = ?",
                (row, rowNumber) -> row.getBytes(1), level, index);
        if (found.isEmpty()) {
            throw new IllegalStateException("the log has no node at level " + level + " index " + index);
        }
        return found.get(0);
    }

    void remember(MerkleTree.Node node) {
        written.put(key(node.level(), node.index()), node.hash());
    }

    private static long key(int level, long index) {
        // levels stay below 64 and indices below 2^56 for any log this store can hold
        return ((long) level << 56) | index;
    }
}
