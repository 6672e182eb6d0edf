package io.incidentledger.ledger.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import io.incidentledger.common.Databases;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.KeySchedule;
import io.incidentledger.ledger.log.LedgerKeyring;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.MerkleTree;
import io.incidentledger.ledger.log.NodePosition;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Re-checks the Merkle log against the events and the signed checkpoints, streaming every leaf once:
 * <ul>
 *   <li>each leaf's event is still in the store with the same entry hash, and the stored leaf hash matches;</li>
 *   <li>every stored interior node is the hash of its two children;</li>
 *   <li>every checkpoint's signature verifies with the log's key for its tree size (the key current when it was
 *       signed: a retired key signs nothing after its rotation), and its root is the root of the first
 *       {@code treeSize} leaves, so that all checkpoints describe one append-only history;</li>
 *   <li>a witnessed checkpoint (one verified earlier, kept outside the database) is still covered: the log is not
 *       shorter than it and has the same root at its size.</li>
 * </ul>
 */
public class LogVerifier {

    private static final int FETCH_SIZE = 1000;
    /**
     * Nodes an incremental pass reads per level beyond those a log of its size has, to check them like the others;
     * any further ones are left to the whole-store pass, which reads every node.
     */
    private static final int NODES_BEYOND_THE_LOG = 1024;

    private final JdbcTemplate jdbc;
    private final LedgerKeyring keyring;

    public LogVerifier(JdbcTemplate jdbc, LedgerKeyring keyring) {
        // the same data source, streaming: every query here may touch every leaf
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.keyring = keyring;
    }

    /**
     * The outcome of a pass: the leaves checked, the newest checkpoint that verified, what was found, and the walk
     * over the leaves (the frontier and root at the newest checkpoint it passed intact).
     */
    public record Result(long leavesChecked, Optional<Checkpoint> newestCheckpoint, List<Finding> findings,
                         RootWalk walk) {
    }

    /**
     * The whole log but its interior nodes (see {@link #interiorNodeFindings}): every leaf and checkpoint. Every
     * leaf's event is marked in {@code passedOver}; when it cannot be marked there, the events passed over are found
     * with a query here instead.
     */
    Result verify(Optional<Checkpoint> witnessed, PassedOverCheck passedOver) {
        List<Finding> findings = new ArrayList<>();
        TreeMap<Long, Checkpoint> checkpoints = signedCheckpoints(-1, findings);
        Map<Long, Checkpoint> expectedRoots = new TreeMap<>(checkpoints);
        witnessed.ifPresent(witness -> expectedRoots.merge(witness.treeSize(), witness, (stored, seen) -> seen));
        RootWalk walk = walkWholeLog(expectedRoots, findings, passedOver::logged);
        if (!passedOver.usable()) {
            eventsPassedOverButNotLogged(findings);
        }
        witnessed.filter(witness -> witness.treeSize() > walk.size()).ifPresent(witness -> findings.add(
                truncatedBehind(witness, walk.size())));
        Optional<Checkpoint> newest = checkpoints.isEmpty() ? Optional.empty()
                : Optional.of(checkpoints.lastEntry().getValue());
        return new Result(walk.size(), newest, findings, walk);
    }

    /**
     * What the log added after a verified prefix of {@code size} leaves, whose perfect subtrees hash to
     * {@code frontier}: the leaves from {@code size} on against their events, the nodes over them, and the
     * checkpoints larger than {@code size}, each signature verified once and each root computed from the frontier and
     * the new leaves. Reads no leaf, node or checkpoint of the prefix (the frontier's nodes are compared by the
     * caller).
     */
    Result verifyAfter(long size, List<byte[]> frontier, Optional<Checkpoint> witnessed) {
        List<Finding> findings = new ArrayList<>();
        TreeMap<Long, Checkpoint> checkpoints = signedCheckpoints(size, findings);
        Map<Long, Checkpoint> expectedRoots = new TreeMap<>(checkpoints);
        witnessed.filter(witness -> witness.treeSize() > size)
                .ifPresent(witness -> expectedRoots.merge(witness.treeSize(), witness, (stored, seen) -> seen));
        RootWalk walk = new RootWalk(expectedRoots, findings, size, frontier);
        walkLeaves(size, walk, findings, globalIndex -> { });
        walk.finish();
        verifyNodesAfter(size, frontier, walk.size(), findings);
        witnessed.filter(witness -> witness.treeSize() > walk.size()).ifPresent(witness -> findings.add(
                truncatedBehind(witness, walk.size())));
        Optional<Checkpoint> newest = checkpoints.isEmpty() ? Optional.empty()
                : Optional.of(checkpoints.lastEntry().getValue());
        return new Result(walk.size() - size, newest, findings, walk);
    }

    private static Finding truncatedBehind(Checkpoint witness, long size) {
        return new Finding(Finding.Kind.LOG_TRUNCATED, null, null, null, size, "the log has " + size
                + " leaves but a checkpoint of " + witness.treeSize() + " leaves was verified before: its tail was "
                + "removed");
    }

    /** A leaf's columns and its event's, as both walks over the leaves read them; the level-0 node comes apart. */
    private static final String LEAF_AND_EVENT = """
            SELECT l.leaf_index, l.global_index, l.aggregate_identifier, l.sequence_number, l.entry_hash,
                   e.entry_hash AS stored_hash, l.event_identifier, e.event_identifier, e.aggregate_identifier,
                   e.sequence_number""";

    /**
     * Every leaf of the log, walked as {@link #walkLeaves} walks them. They are read in global-index order, which in
     * a log the admitter wrote is their own order (it admits events by global index): PostgreSQL then merges two
     * index scans, the leaves with their events, and the level-0 nodes come from a third, where a query in leaf
     * order hashes and sorts the whole log (gigabytes sorted on disk at ten million leaves). A leaf out of that order
     * (a log cut back, or rewritten) ends the read, and the leaves are walked again in leaf order, with findings
     * from that walk alone. The walk is finished.
     */
    private RootWalk walkWholeLog(Map<Long, Checkpoint> expectedRoots, List<Finding> findings, LongConsumer logged) {
        List<Finding> walkFindings = new ArrayList<>();
        RootWalk walk = new RootWalk(expectedRoots, walkFindings);
        if (!walkedInEventOrder(walk, walkFindings, logged)) {
            walkFindings.clear();
            walk = new RootWalk(expectedRoots, walkFindings);
            walkLeaves(0, walk, walkFindings, logged);
        }
        walk.finish();
        findings.addAll(walkFindings);
        return walk;
    }

    private boolean walkedInEventOrder(RootWalk walk, List<Finding> findings, LongConsumer logged) {
        return Boolean.TRUE.equals(jdbc.execute((Connection connection) -> {
            try (PreparedStatement leaves = streaming(connection, LEAF_AND_EVENT + """

                         FROM ledger_leaf l
                         LEFT JOIN domain_event_entry e ON e.global_index = l.global_index
                         ORDER BY l.global_index""");
                 PreparedStatement nodes = streaming(connection,
                         "SELECT node_index, hash FROM ledger_node WHERE level = 0 ORDER BY level, node_index");
                 ResultSet leaf = leaves.executeQuery();
                 ResultSet node = nodes.executeQuery()) {
                boolean onNode = node.next();
                while (leaf.next()) {
                    long index = leaf.getLong(1);
                    if (index != walk.size()) {
                        return false;
                    }
                    while (onNode && node.getLong(1) < index) {
                        onNode = node.next();
                    }
                    walkLeaf(leaf, onNode && node.getLong(1) == index ? node.getBytes(2) : null, walk, findings,
                            logged);
                }
                return true;
            }
        }));
    }

    private static PreparedStatement streaming(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setFetchSize(FETCH_SIZE);
            Databases.binaryResults(statement);
            return statement;
        } catch (SQLException | RuntimeException failed) {
            statement.close();
            throw failed;
        }
    }

    /**
     * The leaves from {@code fromLeaf} on, in leaf order, each against its event and its stored leaf hash, folded
     * into the walk; each leaf's global index to {@code logged}.
     */
    private void walkLeaves(long fromLeaf, RootWalk walk, List<Finding> findings, LongConsumer logged) {
        jdbc.query(LEAF_AND_EVENT + """
                        , n.hash AS leaf_hash
                        FROM ledger_leaf l
                        LEFT JOIN domain_event_entry e ON e.global_index = l.global_index
                        LEFT JOIN ledger_node n ON n.level = 0 AND n.node_index = l.leaf_index
                        WHERE l.leaf_index >= ?
                        ORDER BY l.leaf_index""",
                row -> {
                    walkLeaf(row, row.getBytes(11), walk, findings, logged);
                }, fromLeaf);
    }

    /** One leaf of {@link #LEAF_AND_EVENT}, with its stored level-0 node's hash (null when there is none). */
    private static void walkLeaf(ResultSet row, byte[] leafHash, RootWalk walk, List<Finding> findings,
                                 LongConsumer logged) throws SQLException {
        logged.accept(row.getLong(2));
        walk.leaf(row.getLong(1), row.getLong(2), row.getString(3), row.getLong(4), row.getBytes(5),
                row.getBytes(6), leafHash);
        String storedEvent = row.getString(8);
        boolean relabelled = storedEvent != null && (!storedEvent.equals(row.getString(7))
                || !row.getString(9).equals(row.getString(3)) || row.getLong(10) != row.getLong(4));
        if (relabelled) {
            findings.add(new Finding(Finding.Kind.LOGGED_EVENT_MISSING, row.getString(3), row.getLong(4),
                    row.getLong(2), row.getLong(1), "the leaf names another event than the one stored at "
                    + "its global index (" + row.getString(9) + " sequence " + row.getLong(10) + ")"));
        }
    }

    /** Events at or below the admitter's low-water mark are all in the log; one that is not was slipped in. */
    private void eventsPassedOverButNotLogged(List<Finding> findings) {
        jdbc.query("""
                        SELECT e.aggregate_identifier, e.sequence_number, e.global_index
                        FROM domain_event_entry e
                        WHERE e.global_index <= (SELECT low_water FROM ledger_admitter WHERE id = 1)
                          AND NOT EXISTS (SELECT 1 FROM ledger_leaf l WHERE l.global_index = e.global_index)
                        ORDER BY e.global_index""",
                row -> {
                    findings.add(passedOver(row.getString(1), row.getLong(2), row.getLong(3)));
                });
    }

    /**
     * The findings for the events the two walks found passed over ({@link PassedOverCheck}), read at their global
     * indices, {@value #FETCH_SIZE} a query.
     */
    void eventsPassedOver(PassedOverCheck check, List<Finding> findings) {
        List<Long> indices = new ArrayList<>();
        check.forEachPassedOver(indices::add);
        for (int from = 0; from < indices.size(); from += FETCH_SIZE) {
            List<Long> chunk = indices.subList(from, Math.min(indices.size(), from + FETCH_SIZE));
            jdbc.query("SELECT aggregate_identifier, sequence_number, global_index FROM domain_event_entry"
                            + " WHERE global_index IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                            + ") ORDER BY global_index",
                    row -> {
                        findings.add(passedOver(row.getString(1), row.getLong(2), row.getLong(3)));
                    }, chunk.toArray());
        }
    }

    /** An event at or below the admitter's low-water mark that has no leaf: every pass reports it in these words. */
    static Finding passedOver(String aggregate, long sequence, long globalIndex) {
        return new Finding(Finding.Kind.EVENT_NOT_IN_LOG, aggregate, sequence, globalIndex, null, "the event is in"
                + " the store but not in the log, although the log has admitted every event up to this global index");
    }

    /** The checkpoints larger than {@code above} whose signature verifies; the others are findings. */
    private TreeMap<Long, Checkpoint> signedCheckpoints(long above, List<Finding> findings) {
        TreeMap<Long, Checkpoint> verified = new TreeMap<>();
        KeySchedule keys = keyring.schedule(jdbc);
        keys.problems().forEach(problem -> findings.add(new Finding(Finding.Kind.CHECKPOINT_SIGNATURE_INVALID, null,
                null, null, null, "the ledger's key rotations do not add up: " + problem)));
        jdbc.query("SELECT tree_size, root_hash, note FROM ledger_checkpoint WHERE tree_size > ? ORDER BY tree_size",
                row -> {
            long size = row.getLong(1);
            try {
                Checkpoint checkpoint = Checkpoint.parse(keyring.verifyCheckpoint(keys, row.getString(3), size));
                if (checkpoint.treeSize() != size || !Arrays.equals(checkpoint.rootHash(), row.getBytes(2))) {
                    throw new IllegalArgumentException("its columns differ from its signed text");
                }
                verified.put(size, checkpoint);
            } catch (RuntimeException invalid) {
                findings.add(new Finding(Finding.Kind.CHECKPOINT_SIGNATURE_INVALID, null, null, null, size,
                        "the checkpoint of size " + size + " does not verify: " + invalid.getMessage()));
            }
        }, above);
        return verified;
    }

    /**
     * Every stored interior node against its two stored children, the rest of a whole-store pass: a query of its own,
     * which the pass runs on a connection of its own while the leaves are walked.
     */
    List<Finding> interiorNodeFindings() {
        List<Finding> findings = new ArrayList<>();
        jdbc.query(connection -> streaming(connection, """
                        SELECT p.level, p.node_index, p.hash, l.hash, r.hash
                        FROM ledger_node p
                        LEFT JOIN ledger_node l ON l.level = p.level - 1 AND l.node_index = 2 * p.node_index
                        LEFT JOIN ledger_node r ON r.level = p.level - 1 AND r.node_index = 2 * p.node_index + 1
                        WHERE p.level > 0"""),
                row -> {
                    checkNode(row.getInt(1), row.getLong(2), row.getBytes(3), row.getBytes(4), row.getBytes(5),
                            findings);
                });
        return findings;
    }

    /**
     * Every stored interior node over a leaf from {@code size} on (and up to {@value #NODES_BEYOND_THE_LOG} a level
     * stored beyond the log) is the hash of its two children, as {@link #interiorNodeFindings} checks for all. Their
     * children are such nodes themselves or subtrees of the frontier: one query, a range of each level.
     */
    private void verifyNodesAfter(long size, List<byte[]> frontier, long newSize, List<Finding> findings) {
        int levels = 64 - Long.numberOfLeadingZeros(Math.max(newSize, size + 1));
        Map<NodePosition, byte[]> nodes = new HashMap<>();
        List<NodePosition> tiles = MerkleTree.frontier(size);
        for (int i = 0; i < tiles.size(); i++) {
            nodes.put(tiles.get(i), frontier.get(i));
        }
        StringBuilder sql = new StringBuilder();
        List<Object> arguments = new ArrayList<>();
        for (int level = 0; level <= levels; level++) {
            // in key order with a limit, so that the planner walks the key: with the open range alone, PostgreSQL
            // took a rare level for a large one and scanned the whole table (3.7 s at 10M leaves, against 0.15 s)
            sql.append(sql.isEmpty() ? "" : " UNION ALL ")
                    .append("(SELECT level, node_index, hash FROM ledger_node WHERE level = ? AND node_index >= ?"
                            + " ORDER BY level, node_index LIMIT ?)");
            arguments.add(level);
            arguments.add(size >>> level);
            arguments.add((newSize >>> level) - (size >>> level) + 1 + NODES_BEYOND_THE_LOG);
        }
        List<NodePosition> added = new ArrayList<>();
        jdbc.query(sql.toString(), row -> {
            NodePosition position = new NodePosition(row.getInt(1), row.getLong(2));
            nodes.put(position, row.getBytes(3));
            added.add(position);
        }, arguments.toArray());
        for (NodePosition node : added) {
            if (node.level() > 0) {
                checkNode(node.level(), node.index(), nodes.get(node),
                        nodes.get(new NodePosition(node.level() - 1, 2 * node.index())),
                        nodes.get(new NodePosition(node.level() - 1, 2 * node.index() + 1)), findings);
            }
        }
    }

    private static void checkNode(int level, long index, byte[] hash, byte[] left, byte[] right,
                                  List<Finding> findings) {
        if (left == null || right == null || !Arrays.equals(hash, MerkleHashes.nodeHash(left, right))) {
            findings.add(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, null, null, null, index << level,
                    "the stored node at level " + level + " index " + index + " is not the hash of its children"));
        }
    }
}
