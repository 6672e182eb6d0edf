package io.incidentledger.ledger.log;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.incidentledger.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admits committed events into the Merkle log and signs checkpoints of it.
 *
 * <p>One admitter acts at a time in the whole cluster: each pass takes the {@code ledger_admitter} row
 * {@code FOR UPDATE}. A pass appends, as new leaves in global-index order, the stored events that are not yet leaves,
 * so an event whose transaction committed late is admitted late rather than lost.
 *
 * <p>A pass costs O(batch) reads and writes however long the log and however long a hole stays open: beside the
 * low-water mark the admitter keeps a scan mark (the highest global index it has admitted) and the holes below it
 * ({@code ledger_admitter_gap}), so it looks for events only in those holes and above the scan mark, and never
 * re-reads the leaves between the two marks.
 *
 * <p>A hole is given up, and the low-water mark moves past it, only when {@link GapWatch} says no running transaction
 * can still fill it <em>and</em> this node has been watching it for at least {@code hole-grace}. The grace covers the
 * instant in which a writer has taken its global index but has not yet written its row: a database cannot report such
 * a writer as holding uncommitted changes, and on a loaded machine the instant can stretch. Until a hole is given up
 * it is looked for on every pass, so an event that fills it late is admitted, and the low-water mark (below which the
 * verifier expects every event to be a leaf) stays under it.
 */
public class LogAdmitter {

    private static final Logger log = LoggerFactory.getLogger(LogAdmitter.class);
    private static final int MAX_HOLES_PER_QUERY = 500;
    /**
     * Events not yet leaves, where {@code %s} says which; the leaf probe is bounded below like the events, so that no
     * plan reads the leaves of the whole log.
     */
    private static final String CANDIDATES = """
            SELECT e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.entry_hash
            FROM domain_event_entry e
            WHERE %s
              AND NOT EXISTS (SELECT 1 FROM ledger_leaf l WHERE l.global_index = e.global_index AND l.global_index > ?)
            """;
    private static final RowMapper<Candidate> CANDIDATE = (row, index) -> new Candidate(row.getLong(1),
            row.getString(2), row.getString(3), row.getLong(4), row.getBytes(5));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final GapWatch gapWatch;
    private final CheckpointSigner checkpoints;
    private final Clock clock;
    private final LedgerProperties properties;
    /** When this node first saw each hole it still tracks, in {@link System#nanoTime()}. */
    private final Map<Long, Long> watchedSince = new HashMap<>();

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
        ScanMark mark = scanMark(lowWater);
        Set<Long> settled = givenUp(mark.holes());
        List<Candidate> candidates = candidates(mark);
        if (!candidates.isEmpty()) {
            append(candidates);
        }
        advanceLowWater(mark, candidates, settled);
        return candidates.size();
    }

    /**
     * The events not yet in the log, lowest global index first: those that filled a hole, and those above the scan
     * mark. Both reads are index range or point reads of at most a batch (and the holes), however long the log.
     */
    private List<Candidate> candidates(ScanMark mark) {
        List<Candidate> candidates = new ArrayList<>();
        List<Long> holes = new ArrayList<>(mark.holes());
        for (int from = 0; from < holes.size(); from += MAX_HOLES_PER_QUERY) {
            List<Long> chunk = holes.subList(from, Math.min(holes.size(), from + MAX_HOLES_PER_QUERY));
            List<Object> arguments = new ArrayList<>(chunk);
            arguments.add(mark.lowWater());
            candidates.addAll(jdbc.query(CANDIDATES.formatted("e.global_index IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")"), CANDIDATE,
                    arguments.toArray()));
        }
        candidates.addAll(jdbc.query(CANDIDATES.formatted("e.global_index > ?") + "ORDER BY e.global_index LIMIT ?",
                CANDIDATE, mark.scannedTo(), mark.scannedTo(), properties.admitBatchSize()));
        candidates.sort(Comparator.comparingLong(Candidate::globalIndex));
        return candidates.size() > properties.admitBatchSize()
                ? candidates.subList(0, properties.admitBatchSize()) : candidates;
    }

    private void append(List<Candidate> candidates) {
        long next = jdbc.queryForObject("SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM ledger_leaf", Long.class);
        JdbcNodeSource nodes = new JdbcNodeSource(jdbc);
        // the left siblings the batch's new nodes need from before it: the perfect subtrees tiling the log so far
        nodes.load(MerkleTree.frontier(next));
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
     * The scan mark and the holes below it. Without a mark (the first pass after the migration that added it), the
     * holes are found once from the leaves above the low-water mark, as every pass did before.
     */
    private ScanMark scanMark(long lowWater) {
        Long scannedTo = jdbc.queryForObject("SELECT scanned_to FROM ledger_admitter WHERE id = 1", Long.class);
        if (scannedTo != null) {
            return new ScanMark(lowWater, scannedTo, new TreeSet<>(jdbc.queryForList(
                    "SELECT global_index FROM ledger_admitter_gap ORDER BY global_index", Long.class)), false);
        }
        List<Long> admittedAbove = jdbc.queryForList(
                "SELECT global_index FROM ledger_leaf WHERE global_index > ? ORDER BY global_index", Long.class,
                lowWater);
        TreeSet<Long> holes = new TreeSet<>();
        long expected = lowWater + 1;
        for (long admittedIndex : admittedAbove) {
            for (long hole = expected; hole < admittedIndex; hole++) {
                holes.add(hole);
            }
            expected = admittedIndex + 1;
        }
        jdbc.update("DELETE FROM ledger_admitter_gap");
        if (!holes.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ledger_admitter_gap (global_index) VALUES (?)",
                    holes.stream().map(hole -> new Object[] {hole}).toList());
        }
        return new ScanMark(lowWater, expected - 1, holes, true);
    }

    /**
     * Accounts for the admitted events (a filled hole is closed, new holes open between admitted indexes above the
     * scan mark), then moves the low-water mark over every settled hole up to the first that may still be filled,
     * or up to the scan mark when none is left. Writes only what changed: O(batch + holes).
     */
    private void advanceLowWater(ScanMark mark, List<Candidate> admitted, Set<Long> settled) {
        TreeSet<Long> holes = new TreeSet<>(mark.holes());
        List<Long> closed = new ArrayList<>();
        List<Long> opened = new ArrayList<>();
        long scannedTo = mark.scannedTo();
        for (Candidate candidate : admitted) {
            long index = candidate.globalIndex();
            if (index <= scannedTo) {
                if (holes.remove(index)) {
                    closed.add(index);
                }
            } else {
                for (long hole = scannedTo + 1; hole < index; hole++) {
                    holes.add(hole);
                    opened.add(hole);
                }
                scannedTo = index;
            }
        }
        long lowWater = scannedTo;
        for (long hole : holes) {
            if (!settled.contains(hole)) {
                lowWater = hole - 1;
                break;
            }
        }
        // holes at or below the new low-water mark are settled: nothing can fill them any more
        for (Long passed : holes.headSet(lowWater, true)) {
            if (!opened.remove(passed)) {
                closed.add(passed);
            }
        }
        if (!closed.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM ledger_admitter_gap WHERE global_index = ?",
                    closed.stream().map(hole -> new Object[] {hole}).toList());
        }
        if (!opened.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ledger_admitter_gap (global_index) VALUES (?)",
                    opened.stream().map(hole -> new Object[] {hole}).toList());
        }
        if (lowWater != mark.lowWater() || scannedTo != mark.scannedTo() || mark.rebuilt()) {
            jdbc.update("UPDATE ledger_admitter SET low_water = ?, scanned_to = ? WHERE id = 1", lowWater,
                    scannedTo);
        }
    }

    /**
     * The holes that no transaction can fill any more and that this node has watched for the grace period. Called
     * before the scan, as {@link GapWatch#settled} requires.
     */
    private Set<Long> givenUp(Set<Long> holes) {
        long now = System.nanoTime();
        watchedSince.keySet().retainAll(holes);
        holes.forEach(hole -> watchedSince.putIfAbsent(hole, now));
        Set<Long> settled = new HashSet<>(gapWatch.settled(jdbc, holes));
        settled.removeIf(hole -> now - watchedSince.get(hole) < properties.holeGrace().toNanos());
        return settled;
    }

    private void checkpointIfDue() {
        lockAdmitter();
        checkpoints.signIfGrown(jdbc, clock.instant().minus(properties.checkpointInterval()));
    }

    private long lockAdmitter() {
        return jdbc.queryForObject("SELECT low_water FROM ledger_admitter WHERE id = 1 FOR UPDATE", Long.class);
    }

    /** How far the admitter has looked: its low-water and scan marks and the holes between them. */
    private record ScanMark(long lowWater, long scannedTo, SortedSet<Long> holes, boolean rebuilt) {
    }

    private record Candidate(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                             long sequenceNumber, byte[] entryHash) {
    }
}
