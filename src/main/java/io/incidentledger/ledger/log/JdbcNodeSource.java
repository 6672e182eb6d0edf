package io.incidentledger.ledger.log;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The log's perfect-subtree hashes in {@code ledger_node}, with nodes written in the current admission kept at
 * hand so that the batch sees its own writes without reading them back.
 *
 * <p>Several nodes are read with one query, {@code WHERE (level, node_index) IN ((?, ?), …)}: PostgreSQL turns the
 * row-value list into one index probe per pair (a bitmap OR on the primary key), H2 looks each pair up in its primary
 * key index; an OR of {@code level = ? AND node_index = ?} terms would make H2 scan the table.
 */
final class JdbcNodeSource implements NodeSource {

    /** The most pairs in one statement, a power of two; a proof needs at most about 130. */
    private static final int MAX_PAIRS = 512;
    private static final int MIN_PAIRS = 8;

    private final JdbcTemplate jdbc;
    private final Map<NodePosition, byte[]> known = new HashMap<>();

    JdbcNodeSource(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] node(int level, long index) {
        return nodes(List.of(new NodePosition(level, index))).get(new NodePosition(level, index));
    }

    @Override
    public Map<NodePosition, byte[]> nodes(Collection<NodePosition> positions) {
        load(positions);
        Map<NodePosition, byte[]> found = new LinkedHashMap<>();
        for (NodePosition position : positions) {
            byte[] hash = known.get(position);
            if (hash == null) {
                throw new IllegalStateException("the log has no node at level " + position.level() + " index "
                        + position.index());
            }
            found.put(position, hash);
        }
        return found;
    }

    /** Reads those of the nodes not yet at hand, in one query (per {@value #MAX_PAIRS}), and keeps them at hand. */
    void load(Collection<NodePosition> positions) {
        List<NodePosition> missing = positions.stream().distinct().filter(position -> !known.containsKey(position))
                .toList();
        for (int from = 0; from < missing.size(); from += MAX_PAIRS) {
            List<NodePosition> chunk = missing.subList(from, Math.min(missing.size(), from + MAX_PAIRS));
            // padded to a power of two by repeating the last pair: a few statement texts, each prepared and planned
            // once per connection, rather than one text per count of pairs
            int pairCount = Math.min(MAX_PAIRS, Math.max(MIN_PAIRS, Integer.highestOneBit(chunk.size() * 2 - 1)));
            List<Object> arguments = new ArrayList<>(pairCount * 2);
            for (int i = 0; i < pairCount; i++) {
                NodePosition position = chunk.get(Math.min(i, chunk.size() - 1));
                arguments.add(position.level());
                arguments.add(position.index());
            }
            String pairs = String.join(", ", Collections.nCopies(pairCount, "(?, ?)"));
            jdbc.query("SELECT level, node_index, hash FROM ledger_node WHERE (level, node_index) IN (" + pairs + ")",
                    row -> {
                        known.put(new NodePosition(row.getInt(1), row.getLong(2)), row.getBytes(3));
                    }, arguments.toArray());
        }
    }

    void remember(MerkleTree.Node node) {
        known.put(new NodePosition(node.level(), node.index()), node.hash());
    }
}
