package io.incidentledger.ledger.verify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.KeySchedule;
import io.incidentledger.ledger.log.LedgerKeyring;
import io.incidentledger.ledger.log.MerkleHashes;
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

    private final JdbcTemplate jdbc;
    private final LedgerKeyring keyring;

    public LogVerifier(JdbcTemplate jdbc, LedgerKeyring keyring) {
        // the same data source, streaming: every query here may touch every leaf
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.keyring = keyring;
    }

    /** The outcome of a pass: the leaves checked, the newest checkpoint that verified, and what was found. */
    public record Result(long leavesChecked, Optional<Checkpoint> newestCheckpoint, List<Finding> findings) {
    }

    public Result verify(Optional<Checkpoint> witnessed) {
        List<Finding> findings = new ArrayList<>();
        TreeMap<Long, Checkpoint> checkpoints = signedCheckpoints(findings);
        Map<Long, Checkpoint> expectedRoots = new TreeMap<>(checkpoints);
        witnessed.ifPresent(witness -> expectedRoots.merge(witness.treeSize(), witness, (stored, seen) -> seen));
        RootWalk walk = new RootWalk(expectedRoots, findings);
        jdbc.query("""
                        SELECT l.leaf_index, l.global_index, l.aggregate_identifier, l.sequence_number, l.entry_hash,
                               e.entry_hash AS stored_hash, n.hash AS leaf_hash, l.event_identifier,
                               e.event_identifier, e.aggregate_identifier, e.sequence_number
                        FROM ledger_leaf l
                        LEFT JOIN domain_event_entry e ON e.global_index = l.global_index
                        LEFT JOIN ledger_node n ON n.level = 0 AND n.node_index = l.leaf_index
                        ORDER BY l.leaf_index""",
                row -> {
                    walk.leaf(row.getLong(1), row.getLong(2), row.getString(3), row.getLong(4), row.getBytes(5),
                            row.getBytes(6), row.getBytes(7));
                    String storedEvent = row.getString(9);
                    boolean relabelled = storedEvent != null && (!storedEvent.equals(row.getString(8))
                            || !row.getString(10).equals(row.getString(3)) || row.getLong(11) != row.getLong(4));
                    if (relabelled) {
                        findings.add(new Finding(Finding.Kind.LOGGED_EVENT_MISSING, row.getString(3), row.getLong(4),
                                row.getLong(2), row.getLong(1), "the leaf names another event than the one stored at "
                                + "its global index (" + row.getString(10) + " sequence " + row.getLong(11) + ")"));
                    }
                });
        walk.finish();
        eventsPassedOverButNotLogged(findings);
        verifyInteriorNodes(findings);
        witnessed.filter(witness -> witness.treeSize() > walk.size).ifPresent(witness -> findings.add(new Finding(
                Finding.Kind.LOG_TRUNCATED, null, null, null, walk.size,
                "the log has " + walk.size + " leaves but a checkpoint of " + witness.treeSize()
                        + " leaves was verified before: its tail was removed")));
        Optional<Checkpoint> newest = checkpoints.isEmpty() ? Optional.empty()
                : Optional.of(checkpoints.lastEntry().getValue());
        return new Result(walk.size, newest, findings);
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
                    findings.add(new Finding(Finding.Kind.EVENT_NOT_IN_LOG, row.getString(1), row.getLong(2),
                            row.getLong(3), null, "the event is in the store but not in the log, although the log "
                            + "has admitted every event up to this global index"));
                });
    }

    private TreeMap<Long, Checkpoint> signedCheckpoints(List<Finding> findings) {
        TreeMap<Long, Checkpoint> verified = new TreeMap<>();
        KeySchedule keys = keyring.schedule(jdbc);
        keys.problems().forEach(problem -> findings.add(new Finding(Finding.Kind.CHECKPOINT_SIGNATURE_INVALID, null,
                null, null, null, "the ledger's key rotations do not add up: " + problem)));
        jdbc.query("SELECT tree_size, root_hash, note FROM ledger_checkpoint ORDER BY tree_size", row -> {
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
        });
        return verified;
    }

    private void verifyInteriorNodes(List<Finding> findings) {
        jdbc.query("""
                        SELECT p.level, p.node_index, p.hash, l.hash, r.hash
                        FROM ledger_node p
                        LEFT JOIN ledger_node l ON l.level = p.level - 1 AND l.node_index = 2 * p.node_index
                        LEFT JOIN ledger_node r ON r.level = p.level - 1 AND r.node_index = 2 * p.node_index + 1
                        WHERE p.level > 0""",
                row -> {
                    byte[] left = row.getBytes(4);
                    byte[] right = row.getBytes(5);
                    if (left == null || right == null
                            || !Arrays.equals(row.getBytes(3), MerkleHashes.nodeHash(left, right))) {
                        int level = row.getInt(1);
                        long index = row.getLong(2);
                        findings.add(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, null, null, null,
                                index << level, "the stored node at level " + level + " index " + index
                                + " is not the hash of its children"));
                    }
                });
    }

    /** Folds leaves into the roots of every prefix size that a checkpoint names (a compact range of the RFC). */
    private static final class RootWalk {

        private final Map<Long, Checkpoint> expectedRoots;
        private final List<Finding> findings;
        private final Deque<byte[]> stack = new ArrayDeque<>();
        private final Deque<Integer> heights = new ArrayDeque<>();
        private long size;

        RootWalk(Map<Long, Checkpoint> expectedRoots, List<Finding> findings) {
            this.expectedRoots = expectedRoots;
            this.findings = findings;
            checkRoot();
        }

        void leaf(long leafIndex, long globalIndex, String aggregate, long sequence, byte[] entryHash,
                  byte[] storedHash, byte[] leafHash) {
            if (leafIndex != size) {
                findings.add(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, aggregate, sequence, globalIndex, size,
                        "leaves " + size + " to " + (leafIndex - 1) + " are missing from the log"));
                size = leafIndex;
            }
            if (storedHash == null) {
                findings.add(new Finding(Finding.Kind.LOGGED_EVENT_MISSING, aggregate, sequence, globalIndex,
                        leafIndex, "the event of this leaf is no longer in the store"));
            } else if (!Arrays.equals(storedHash, entryHash)) {
                findings.add(new Finding(Finding.Kind.LOGGED_EVENT_MISSING, aggregate, sequence, globalIndex,
                        leafIndex, "the event of this leaf no longer has the entry hash the log holds"));
            }
            byte[] hash = MerkleHashes.leafHash(entryHash);
            if (leafHash == null || !Arrays.equals(leafHash, hash)) {
                findings.add(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, aggregate, sequence, globalIndex,
                        leafIndex, "the stored leaf hash is not the hash of the leaf's entry hash"));
            }
            push(hash);
            size = leafIndex + 1;
            checkRoot();
        }

        void finish() {
            for (Map.Entry<Long, Checkpoint> expected : expectedRoots.entrySet()) {
                if (expected.getKey() > size) {
                    findings.add(new Finding(Finding.Kind.LOG_TRUNCATED, null, null, null, size,
                            "a checkpoint names " + expected.getKey() + " leaves but the log has only " + size));
                }
            }
        }

        private void push(byte[] leafHash) {
            byte[] hash = leafHash;
            int height = 0;
            while (!heights.isEmpty() && heights.peek() == height) {
                heights.pop();
                hash = MerkleHashes.nodeHash(stack.pop(), hash);
                height++;
            }
            stack.push(hash);
            heights.push(height);
        }

        private void checkRoot() {
            Checkpoint expected = expectedRoots.get(size);
            if (expected != null && !Arrays.equals(root(), expected.rootHash())) {
                findings.add(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, null, null, null, size == 0 ? 0 : size - 1,
                        "the first " + size + " leaves do not produce the root of the signed checkpoint of size "
                                + size));
            }
        }

        private byte[] root() {
            if (stack.isEmpty()) {
                return MerkleHashes.emptyRoot();
            }
            byte[] root = null;
            for (byte[] subtree : stack) {
                root = root == null ? subtree : MerkleHashes.nodeHash(subtree, root);
            }
            return root;
        }
    }
}
