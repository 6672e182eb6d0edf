package io.incidentledger.ledger.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.incidentledger.ledger.api.LoggedEventsView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the Merkle log: its size, signed checkpoints, leaves, roots and RFC 9162 proofs (O(log n) nodes, read with
 * one query).
 */
@Component
public class LedgerLog {

    private final JdbcTemplate jdbc;

    public LedgerLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A leaf: where its event is in the store, and the event's entry hash (the leaf data). */
    public record Leaf(long leafIndex, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                       long sequenceNumber, byte[] entryHash) {
    }

    /** A signed checkpoint as stored: its size, root and the exact signed note text. */
    public record StoredCheckpoint(long treeSize, byte[] rootHash, String note) {
    }

    public long size() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM ledger_leaf", Long.class);
    }

    /** The admitter's low-water mark: every event at or below this global index is in the log. */
    public long lowWater() {
        return jdbc.queryForObject("SELECT low_water FROM ledger_admitter WHERE id = 1", Long.class);
    }

    public Optional<StoredCheckpoint> latestCheckpoint() {
        return jdbc.query("SELECT tree_size, root_hash, note FROM ledger_checkpoint ORDER BY tree_size DESC LIMIT 1",
                (row, index) -> new StoredCheckpoint(row.getLong(1), row.getBytes(2), row.getString(3)))
                .stream().findFirst();
    }

    public Optional<StoredCheckpoint> checkpoint(long treeSize) {
        return jdbc.query("SELECT tree_size, root_hash, note FROM ledger_checkpoint WHERE tree_size = ?",
                (row, index) -> new StoredCheckpoint(row.getLong(1), row.getBytes(2), row.getString(3)), treeSize)
                .stream().findFirst();
    }

    /**
     * The leaf of a stored event: found through the event's global index (the leaves have no index on event
     * identifiers, see V27), and only when the leaf names that event.
     */
    public Optional<Leaf> leafOfEvent(String eventIdentifier) {
        return leaves("WHERE global_index = (SELECT e.global_index FROM domain_event_entry e "
                + "WHERE e.event_identifier = ?) AND event_identifier = ?", eventIdentifier, eventIdentifier)
                .stream().findFirst();
    }

    public List<Leaf> leavesOfAggregate(String aggregateIdentifier) {
        return leaves("WHERE aggregate_identifier = ? ORDER BY sequence_number", aggregateIdentifier);
    }

    /**
     * The leaves {@code from}, {@code from + 1}, … in leaf order, at most {@code limit}, each with its event as stored,
     * in one query. Leaves are admitted in contiguous runs by one admitter at a time, so there is no hole; the list
     * stops before one all the same, should it ever see one.
     */
    public List<LoggedEventsView.LoggedEvent> loggedEvents(long from, int limit) {
        List<LoggedEventsView.LoggedEvent> events = new ArrayList<>();
        jdbc.query("""
                        SELECT l.leaf_index, l.entry_hash AS leaf_hash, e.global_index, e.event_identifier,
                               e.aggregate_identifier, e.type, e.sequence_number, e.time_stamp, e.payload_type,
                               e.payload_revision, e.payload, e.meta_data, e.prev_hash
                        FROM ledger_leaf l JOIN domain_event_entry e ON e.global_index = l.global_index
                        WHERE l.leaf_index >= ?
                        ORDER BY l.leaf_index
                        LIMIT ?""",
                row -> {
                    long leafIndex = row.getLong("leaf_index");
                    if (leafIndex == from + events.size()) {
                        events.add(new LoggedEventsView.LoggedEvent(leafIndex, row.getLong("global_index"),
                                row.getString("event_identifier"), row.getString("aggregate_identifier"),
                                row.getString("type"), row.getLong("sequence_number"), row.getString("time_stamp"),
                                row.getString("payload_type"), row.getString("payload_revision"),
                                row.getBytes("payload"), row.getBytes("meta_data"), row.getBytes("prev_hash"),
                                row.getBytes("leaf_hash")));
                    }
                }, from, limit);
        return events;
    }

    /** The root of the first {@code treeSize} leaves, from the stored perfect subtrees. */
    public byte[] root(long treeSize) {
        return treeSize == 0 ? MerkleHashes.emptyRoot() : tree().root(treeSize);
    }

    /**
     * The stored hashes of the perfect subtrees that tile the first {@code size} leaves ({@link MerkleTree#frontier},
     * left to right), read with one query; empty when one of them is not stored.
     */
    public Optional<List<byte[]>> frontier(long size) {
        List<NodePosition> tiles = MerkleTree.frontier(size);
        JdbcNodeSource nodes = new JdbcNodeSource(jdbc);
        try {
            Map<NodePosition, byte[]> found = nodes.nodes(tiles);
            return Optional.of(tiles.stream().map(found::get).toList());
        } catch (IllegalStateException missing) {
            return Optional.empty();
        }
    }

    public List<byte[]> inclusionProof(long leafIndex, long treeSize) {
        return tree().inclusionProof(leafIndex, treeSize);
    }

    public List<byte[]> consistencyProof(long fromSize, long toSize) {
        return tree().consistencyProof(fromSize, toSize);
    }

    private MerkleTree tree() {
        return new MerkleTree(new JdbcNodeSource(jdbc));
    }

    private List<Leaf> leaves(String condition, Object... arguments) {
        return jdbc.query("SELECT leaf_index, global_index, event_identifier, aggregate_identifier, sequence_number, "
                        + "entry_hash FROM ledger_leaf " + condition,
                (row, index) -> new Leaf(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getLong(5), row.getBytes(6)), arguments);
    }
}
