package io.incidentledger.ledger.log;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.incidentledger.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admits committed events into the Merkle log and signs checkpoints of it.
 *
 * <p>One admitter acts at a time in the whole cluster: each pass takes the {@code ledger_admitter} row
 * {@code FOR UPDATE}. A pass appends, as new leaves in global-index order, every stored event above the low-water
 * mark that is not yet a leaf, so an event whose transaction committed late is admitted late rather than lost. The
 * low-water mark only moves past a hole in the global index once {@link GapWatch} says no running transaction can
 * still fill it.
 */
public class LogAdmitter {

    private static final Logger log = LoggerFactory.getLogger(LogAdmitter.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final GapWatch gapWatch;
    private final CheckpointSigner checkpoints;
    private final Clock clock;
    private final LedgerProperties properties;
    private Collection<Long> openGaps = List.of();

    public LogAdmitter(JdbcTemplate jdbc, TransactionTemplate transactions, GapWatch gapWatch,
                       CheckpointSigner checkpoints, Clock clock, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.gapWatch = gapWatch;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.properties = properties;
    }

    /** One admission pass and, when due, a checkpoint. Returns the number of events admitted. */
    public synchronized int admit() {
        Integer admitted = transactions.execute(status -> admitInTransaction());
        transactions.executeWithoutResult(status -> checkpointIfDue());
        return admitted == null ? 0 : admitted;
    }

    /**
     * Admits until nothing is left and signs a checkpoint of everything admitted, whatever the interval. Returns the
     * number of events admitted.
     */
    public synchronized int catchUpAndCheckpoint() {
        int admitted = 0;
        for (int pass = admit(); pass > 0; pass = admit()) {
            admitted += pass;
        }
        transactions.executeWithoutResult(status -> {
            lockAdmitter();
            checkpoints.signIfGrown(jdbc, null);
        });
        return admitted;
    }

    private int admitInTransaction() {
        long lowWater = lockAdmitter();
        Set<Long> settled = gapWatch.settled(jdbc, openGaps);
        List<Candidate> candidates = jdbc.query("""
                        SELECT e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number,
                               e.entry_hash
                        FROM domain_event_entry e
                        WHERE e.global_index > ?
                          AND NOT EXISTS (SELECT 1 FROM ledger_leaf l
                                          WHERE l.global_index = e.global_index AND l.global_index > ?)
                        ORDER BY e.global_index
                        LIMIT ?""",
                (row, index) -> new Candidate(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getBytes(5)),
                lowWater, lowWater, properties.admitBatchSize());
        if (!candidates.isEmpty()) {
            append(candidates);
        }
        advanceLowWater(lowWater, settled);
        return candidates.size();
    }

    private void append(List<Candidate> candidates) {
        long next = jdbc.queryForObject("SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM ledger_leaf", Long.class);
        JdbcNodeSource nodes = new JdbcNodeSource(jdbc);
        List<Object[]> leafRows = new ArrayList<>(candidates.size());
        List<Object[]> nodeRows = new ArrayList<>(candidates.size() * 2);
        Object admittedAt = clock.instant().atOffset(ZoneOffset.UTC);
        for (Candidate candidate : candidates) {
            long leafIndex = next++;
            leafRows.add(new Object[] {leafIndex, candidate.globalIndex(), candidate.eventIdentifier(),
                    candidate.aggregateIdentifier(), candidate.sequenceNumber(), candidate.entryHash(),
                    admittedAt});
            byte[] leafHash = MerkleHashes.leafHash(candidate.entryHash());
            for (MerkleTree.Node node : MerkleTree.nodesCompletedBy(leafIndex, leafHash, nodes)) {
                nodes.remember(node);
                nodeRows.add(new Object[] {node.level(), node.index(), node.hash()});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO ledger_leaf (leaf_index, global_index, event_identifier, aggregate_identifier,
                    sequence_number, entry_hash, admitted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", leafRows);
        jdbc.batchUpdate("INSERT INTO ledger_node (level, node_index, hash) VALUES (?, ?, ?)", nodeRows);
        log.debug("Admitted {} events up to leaf {}", candidates.size(), next - 1);
    }

    /**
     * Moves the low-water mark over every admitted index and every settled hole, up to the first hole that may
     * still be filled, and remembers the holes still open above it for the next pass.
     */
    private void advanceLowWater(long lowWater, Set<Long> settled) {
        List<Long> admittedAbove = jdbc.queryForList(
                "SELECT global_index FROM ledger_leaf WHERE global_index > ? ORDER BY global_index", Long.class,
                lowWater);
        long mark = lowWater;
        TreeSet<Long> stillOpen = new TreeSet<>();
        boolean blocked = false;
        long expected = lowWater + 1;
        for (long admittedIndex : admittedAbove) {
            for (long hole = expected; hole < admittedIndex; hole++) {
                if (!blocked && settled.contains(hole)) {
                    mark = hole;
                } else {
                    blocked = true;
                    stillOpen.add(hole);
                }
            }
            if (!blocked) {
                mark = admittedIndex;
            }
            expected = admittedIndex + 1;
        }
        openGaps = stillOpen;
        if (mark != lowWater) {
            jdbc.update("UPDATE ledger_admitter SET low_water = ? WHERE id = 1", mark);
        }
    }

    private void checkpointIfDue() {
        lockAdmitter();
        checkpoints.signIfGrown(jdbc, clock.instant().minus(properties.checkpointInterval()));
    }

    private long lockAdmitter() {
        return jdbc.queryForObject("SELECT low_water FROM ledger_admitter WHERE id = 1 FOR UPDATE", Long.class);
    }

    private record Candidate(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                             long sequenceNumber, byte[] entryHash) {
    }
}
