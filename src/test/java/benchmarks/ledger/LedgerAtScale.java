package benchmarks.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import benchmarks.BenchApplication;
import benchmarks.harness.ScratchDatabase;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.LedgerScheduler;
import io.incidentledger.ledger.log.LogAdmitter;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.MerkleTree;
import io.incidentledger.ledger.log.ProofVerifier;
import io.incidentledger.ledger.verify.ChainVerifier;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.ledger.verify.Snapshots;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger at a given number of events: the store is filled with synthetic chained events ({@link SyntheticEvents},
 * not timed as part of anything the application does), then the application's {@link LogAdmitter} admits them all
 * ({@code catchUpAndCheckpoint}, timed: the admission rate), then proofs are generated through {@link LedgerLog} and
 * checked with {@link ProofVerifier}, and the whole store is verified with {@link LedgerVerification#verifyStore()}
 * next to a plain read of the same rows. The application's background admitter is stopped for this part so that the
 * benchmark decides when admission happens, and so are the projections' event processors (they would replay the
 * synthetic events in the background).
 */
final class LedgerAtScale {

    private final BenchApplication application;
    private final ScratchDatabase database;
    private final JdbcTemplate jdbc;
    private final SyntheticEvents synthetic;
    private final int proofs;
    private final int incrementalEvents;
    private final Random random = new Random(20261123L);
    private long events;

    LedgerAtScale(BenchApplication application, ScratchDatabase database, int eventsPerAggregate, int payloadBytes,
                  int proofs, int incrementalEvents) {
        this.incrementalEvents = incrementalEvents;
        this.application = application;
        this.database = database;
        this.jdbc = application.bean(JdbcTemplate.class);
        this.synthetic = new SyntheticEvents(eventsPerAggregate, payloadBytes);
        this.proofs = proofs;
        application.bean(LedgerScheduler.class).stop();
        // the projections would otherwise replay every synthetic event in the background during the measurements
        application.axon().eventProcessingConfiguration().eventProcessors().values()
                .forEach(org.axonframework.eventhandling.EventProcessor::shutDown);
        this.events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    Map<String, Object> measureAt(long size) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", size);
        result.put("fill", fill(size));
        result.put("admission", admit());
        long treeSize = application.bean(LedgerLog.class).latestCheckpoint().orElseThrow().treeSize();
        result.put("treeSize", treeSize);
        result.put("inclusionProof", inclusionProofs(treeSize));
        result.put("consistencyProof", consistencyProofs(treeSize));
        result.put("verification", verification(size));
        if (incrementalEvents > 0) {
            result.put("incremental", incremental(size));
        }
        return result;
    }

    private Map<String, Object> fill(long size) throws Exception {
        long toWrite = size - events;
        long begin = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password())) {
            long left = toWrite;
            while (left > 0) {
                long chunk = Math.min(left, 100_000);
                synthetic.append(connection, chunk);
                left -= chunk;
            }
            double copySeconds = (System.nanoTime() - begin) / 1e9;
            try (Statement statement = connection.createStatement()) {
                // what autovacuum would have done on a store that grew over time; the planner needs the statistics
                statement.execute("ANALYZE domain_event_entry");
            }
            events = size;
            Map<String, Object> fill = new LinkedHashMap<>();
            fill.put("description", "synthetic chained events written with COPY (benchmark set-up, not an"
                    + " application path), then ANALYZE");
            fill.put("written", toWrite);
            fill.put("seconds", round3(copySeconds));
            fill.put("rowsPerSecond", round1(toWrite / copySeconds));
            fill.put("averagePayloadBytes", jdbc.queryForObject(
                    "SELECT AVG(octet_length(payload))::int FROM domain_event_entry", Integer.class));
            fill.put("tableBytes", jdbc.queryForObject(
                    "SELECT pg_total_relation_size('domain_event_entry')", Long.class));
            System.out.printf("  ledger @%,d: filled %,d events in %.1f s%n", size, toWrite, copySeconds);
            return fill;
        }
    }

    private Map<String, Object> admit() {
        LogAdmitter admitter = application.bean(LogAdmitter.class);
        long leavesBefore = application.bean(LedgerLog.class).size();
        long checkpointsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_checkpoint", Long.class);
        long begin = System.nanoTime();
        admitter.catchUpAndCheckpoint();
        double seconds = (System.nanoTime() - begin) / 1e9;
        long admitted = application.bean(LedgerLog.class).size() - leavesBefore;
        Map<String, Object> admission = new LinkedHashMap<>();
        admission.put("description", "LogAdmitter.catchUpAndCheckpoint() over the events not yet in the log"
                + " (admit-batch-size per pass, a checkpoint when checkpoint-interval has passed, one at the end)");
        admission.put("admitted", admitted);
        admission.put("seconds", round3(seconds));
        admission.put("eventsPerSecond", round1(admitted / seconds));
        admission.put("checkpointsSigned",
                jdbc.queryForObject("SELECT COUNT(*) FROM ledger_checkpoint", Long.class) - checkpointsBefore);
        admission.put("nodeRows", jdbc.queryForObject("SELECT COUNT(*) FROM ledger_node", Long.class));
        System.out.printf("  ledger @%,d: admitted %,d events in %.1f s (%,.0f events/s)%n", events, admitted,
                seconds, admitted / seconds);
        // what autovacuum would do after the log grew by more than a tenth (not timed): without statistics the
        // planner takes a range of leaves for a third of the table, and the verifier's plans read all of it
        jdbc.execute("ANALYZE ledger_leaf");
        jdbc.execute("ANALYZE ledger_node");
        return admission;
    }

    private Map<String, Object> inclusionProofs(long treeSize) {
        LedgerLog log = application.bean(LedgerLog.class);
        byte[] root = log.latestCheckpoint().orElseThrow().rootHash();
        int warmup = Math.max(50, proofs / 5);
        long[] leaves = new long[proofs];
        byte[][] leafHashes = new byte[proofs][];
        for (int i = 0; i < proofs; i++) {
            leaves[i] = (long) (random.nextDouble() * treeSize);
            leafHashes[i] = MerkleHashes.leafHash(jdbc.queryForObject(
                    "SELECT entry_hash FROM ledger_leaf WHERE leaf_index = ?", byte[].class, leaves[i]));
        }
        for (int i = 0; i < warmup; i++) {
            log.inclusionProof(leaves[i % proofs], treeSize);
            pointRead(leaves[i % proofs]);
        }
        long[] generation = new long[proofs];
        long[] pointRead = new long[proofs];
        List<List<byte[]>> paths = new ArrayList<>(proofs);
        for (int i = 0; i < proofs; i++) {
            long start = System.nanoTime();
            paths.add(log.inclusionProof(leaves[i], treeSize));
            generation[i] = System.nanoTime() - start;
            start = System.nanoTime();
            pointRead(leaves[i]);
            pointRead[i] = System.nanoTime() - start;
        }
        int valid = 0;
        for (int i = 0; i < proofs; i++) {
            valid += ProofVerifier.verifyInclusion(leafHashes[i], leaves[i], treeSize, paths.get(i), root) ? 1 : 0;
        }
        long[] verification = timeVerifications(proofs, i ->
                ProofVerifier.verifyInclusion(leafHashes[i], leaves[i], treeSize, paths.get(i), root));
        long[] reads = new long[proofs];
        long[] queries = new long[proofs];
        for (int i = 0; i < proofs; i++) {
            CountingNodeSource counter = new CountingNodeSource();
            new MerkleTree(counter).inclusionProof(leaves[i], treeSize);
            reads[i] = counter.reads;
            queries[i] = counter.batches;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("description", "LedgerLog.inclusionProof(random leaf, tree size) through the application's"
                + " JdbcTemplate; baseline: one indexed point read of one ledger_node row (one round trip), timed"
                + " alternately with the proofs; verification: ProofVerifier.verifyInclusion (CPU only, absolute)");
        result.put("proofs", proofs);
        result.put("valid", valid);
        result.put("pathLength", stats(paths.stream().mapToLong(List::size).toArray(), 1));
        result.put("nodeReadsPerProof", stats(reads, 1));
        result.put("queriesPerProof", stats(queries, 1));
        result.put("generationMillis", stats(generation, 1e6));
        result.put("baselinePointReadMillis", stats(pointRead, 1e6));
        result.put("generationOverPointReadP50", ratio(median(generation), median(pointRead)));
        result.put("verificationMicros", stats(verification, 1e3));
        result.put("verificationsPerSecond", round1(1e9 * verification.length / sum(verification)));
        System.out.printf("  ledger @%,d: inclusion proof p50 %.3f ms (point read %.3f ms), verify p50 %.1f us%n",
                treeSize, median(generation) / 1e6, median(pointRead) / 1e6, median(verification) / 1e3);
        return result;
    }

    private Map<String, Object> consistencyProofs(long treeSize) {
        LedgerLog log = application.bean(LedgerLog.class);
        byte[] root = log.latestCheckpoint().orElseThrow().rootHash();
        int count = Math.max(1, proofs);
        long[] from = new long[count];
        byte[][] fromRoots = new byte[count][];
        for (int i = 0; i < count; i++) {
            from[i] = 1 + (long) (random.nextDouble() * (treeSize - 1));
            fromRoots[i] = log.root(from[i]);
        }
        for (int i = 0; i < Math.max(50, count / 5); i++) {
            log.consistencyProof(from[i % count], treeSize);
        }
        long[] generation = new long[count];
        List<List<byte[]>> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            paths.add(log.consistencyProof(from[i], treeSize));
            generation[i] = System.nanoTime() - start;
        }
        int valid = 0;
        for (int i = 0; i < count; i++) {
            valid += ProofVerifier.verifyConsistency(from[i], treeSize, fromRoots[i], root, paths.get(i)) ? 1 : 0;
        }
        long[] verification = timeVerifications(count, i ->
                ProofVerifier.verifyConsistency(from[i], treeSize, fromRoots[i], root, paths.get(i)));
        long[] reads = new long[count];
        for (int i = 0; i < count; i++) {
            CountingNodeSource counter = new CountingNodeSource();
            new MerkleTree(counter).consistencyProof(from[i], treeSize);
            reads[i] = counter.reads;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("description", "LedgerLog.consistencyProof(random older size, tree size); verification:"
                + " ProofVerifier.verifyConsistency (CPU only, absolute)");
        result.put("proofs", count);
        result.put("valid", valid);
        result.put("pathLength", stats(paths.stream().mapToLong(List::size).toArray(), 1));
        result.put("nodeReadsPerProof", stats(reads, 1));
        result.put("generationMillis", stats(generation, 1e6));
        result.put("verificationMicros", stats(verification, 1e3));
        result.put("verificationsPerSecond", round1(1e9 * verification.length / sum(verification)));
        System.out.printf("  ledger @%,d: consistency proof p50 %.3f ms, verify p50 %.1f us%n", treeSize,
                median(generation) / 1e6, median(verification) / 1e3);
        return result;
    }

    private Map<String, Object> verification(long size) {
        StoredEvents storedEvents = application.bean(StoredEvents.class);
        ChainVerifier chains = application.bean(ChainVerifier.class);
        LedgerVerification ledger = application.bean(LedgerVerification.class);
        // the read and the chains alone in a read-only snapshot transaction, as the verifier reads them: PostgreSQL
        // streams rows by the fetch size only inside a transaction, and 10M events at once do not fit in the heap
        TransactionTemplate snapshot = Snapshots.readOnly(application.bean(PlatformTransactionManager.class),
                jdbc.getDataSource());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("description", "events per second over the whole store. baselineRead: StoredEvents"
                + ".forEachByAggregate (the verifier's own query and row mapping, no hashing); chainOnly:"
                + " ChainVerifier.verifyAll(); verifyStore: LedgerVerification.verifyStore() (chains + Merkle log"
                + " + checkpoints + witness consistency; the first after the store grew also records the verified"
                + " prefix and every aggregate's head, the second finds them recorded). Order: read, chain, store,"
                + " store, read.");
        Map<String, Object> firstRead = timed("baselineRead", () -> snapshot.execute(status -> {
            long[] n = {0};
            storedEvents.forEachByAggregate(event -> n[0]++);
            return n[0];
        }));
        Map<String, Object> chain = timed("chainOnly", () -> {
            ChainVerifier.Result outcome = snapshot.execute(status -> chains.verifyAll());
            if (!outcome.findings().isEmpty()) {
                throw new IllegalStateException("chain findings: " + outcome.findings().get(0));
            }
            return outcome.eventsChecked();
        });
        LedgerVerification.Report[] report = new LedgerVerification.Report[1];
        Map<String, Object> store = timed("verifyStore", () -> {
            report[0] = ledger.verifyStore();
            return report[0].eventsChecked();
        });
        Map<String, Object> secondStore = timed("verifyStoreAgain", () -> {
            report[0] = ledger.verifyStore();
            return report[0].eventsChecked();
        });
        Map<String, Object> secondRead = timed("baselineRead", () -> snapshot.execute(status -> {
            long[] n = {0};
            storedEvents.forEachByAggregate(event -> n[0]++);
            return n[0];
        }));
        double readRate = ((double) firstRead.get("eventsPerSecond") + (double) secondRead.get("eventsPerSecond")) / 2;
        result.put("baselineReadFirst", firstRead);
        result.put("chainOnly", chain);
        result.put("verifyStore", store);
        result.put("verifyStoreAgain", secondStore);
        result.put("baselineReadSecond", secondRead);
        result.put("verifyStoreIntact", report[0].intact());
        result.put("verifyStoreLeavesChecked", report[0].leavesChecked());
        result.put("verifyStoreFindings", report[0].findings().size());
        result.put("chainOnlyOverRead", ratio((double) chain.get("eventsPerSecond"), readRate));
        result.put("verifyStoreOverRead", ratio((double) store.get("eventsPerSecond"), readRate));
        System.out.printf("  ledger @%,d: verifyStore %,.0f events/s, chain only %,.0f events/s, plain read"
                        + " %,.0f events/s, intact %s%n", size, (double) store.get("eventsPerSecond"),
                (double) chain.get("eventsPerSecond"), readRate, report[0].intact());
        return result;
    }

    /**
     * An incremental pass over {@code incrementalEvents} new events at this size: they are written (set-up) and
     * admitted (timed: the admission rate at this log size), then {@code LedgerVerification.verifyIncrementally()}
     * is timed; its baseline is the whole-store pass over the same store right after.
     */
    private Map<String, Object> incremental(long size) throws Exception {
        // the verification just measured left the verified prefix at the whole store
        LedgerVerification ledger = application.bean(LedgerVerification.class);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password())) {
            synthetic.append(connection, incrementalEvents);
        }
        events += incrementalEvents;
        Map<String, Object> admission = admit();
        LedgerVerification.Pass[] pass = new LedgerVerification.Pass[1];
        Map<String, Object> incremental = timed("verifyIncrementally", () -> {
            pass[0] = ledger.verifyIncrementally();
            return pass[0].report().eventsChecked();
        });
        LedgerVerification.Report[] whole = new LedgerVerification.Report[1];
        Map<String, Object> baseline = timed("verifyStore", () -> {
            whole[0] = ledger.verifyStore();
            return whole[0].eventsChecked();
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("description", incrementalEvents + " new synthetic events written after the store of " + size
                + " events was verified, admitted (admissionAtSize: the admission rate into a log of that size), then"
                + " LedgerVerification.verifyIncrementally() (what came after the verified prefix) against the"
                + " baseline LedgerVerification.verifyStore() (the whole store) right after");
        result.put("admissionAtSize", admission);
        result.put("kind", pass[0].kind().name());
        result.put("intact", pass[0].report().intact());
        result.put("findings", pass[0].report().findings().size());
        result.put("eventsChecked", pass[0].report().eventsChecked());
        result.put("leavesChecked", pass[0].report().leavesChecked());
        result.put("verifyIncrementally", incremental);
        result.put("baselineVerifyStore", baseline);
        result.put("baselineIntact", whole[0].intact());
        result.put("wholeStoreOverIncrementalSeconds", ratio((double) baseline.get("seconds"),
                (double) incremental.get("seconds")));
        System.out.printf("  ledger @%,d: incremental pass over %,d new events (%s, %,d leaves) %.3f s; whole store"
                        + " %.3f s; intact %s/%s%n", events, pass[0].report().eventsChecked(), pass[0].kind(),
                pass[0].report().leavesChecked(), (double) incremental.get("seconds"),
                (double) baseline.get("seconds"), pass[0].report().intact(), whole[0].intact());
        return result;
    }

    private interface Pass {
        long run();
    }

    private static Map<String, Object> timed(String name, Pass pass) {
        System.gc();
        long begin = System.nanoTime();
        long count = pass.run();
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", count);
        result.put("seconds", round3(seconds));
        result.put("eventsPerSecond", round1(count / seconds));
        return result;
    }

    private interface Check {
        boolean check(int index);
    }

    /** Times every check on its own, over several passes (the first discarded as warm-up). */
    private static long[] timeVerifications(int count, Check check) {
        int passes = 5;
        long[] times = new long[count * (passes - 1)];
        boolean sink = false;
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                sink ^= check.check(i);
                long elapsed = System.nanoTime() - start;
                if (pass > 0) {
                    times[(pass - 1) * count + i] = elapsed;
                }
            }
        }
        if (sink && count < 0) {
            System.out.println("unreachable");
        }
        return times;
    }

    private void pointRead(long leafIndex) {
        jdbc.queryForObject("SELECT hash FROM ledger_node WHERE level = 0 AND node_index = ?", byte[].class,
                leafIndex);
    }

    /**
     * Counts the node reads a proof needs and the queries it takes (one {@code nodes} call is one query on the
     * database); every node is a dummy hash, so no database is involved.
     */
    private static final class CountingNodeSource implements io.incidentledger.ledger.log.NodeSource {
        private static final byte[] DUMMY = new byte[MerkleHashes.HASH_LENGTH];
        private long reads;
        private long batches;

        @Override
        public Map<io.incidentledger.ledger.log.NodePosition, byte[]> nodes(
                java.util.Collection<io.incidentledger.ledger.log.NodePosition> positions) {
            batches++;
            Map<io.incidentledger.ledger.log.NodePosition, byte[]> found = new LinkedHashMap<>();
            positions.forEach(position -> found.put(position, node(position.level(), position.index())));
            return found;
        }

        @Override
        public byte[] node(int level, long index) {
            reads++;
            return DUMMY;
        }
    }

    private static Map<String, Object> stats(long[] values, double divisor) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("count", sorted.length);
        stats.put("mean", round3(java.util.Arrays.stream(sorted).average().orElse(0) / divisor));
        stats.put("p50", round3(percentile(sorted, 50) / divisor));
        stats.put("p99", round3(percentile(sorted, 99) / divisor));
        stats.put("max", round3(sorted[sorted.length - 1] / divisor));
        return stats;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += value;
        }
        return Math.max(1, total);
    }

    private static double ratio(double candidate, double baseline) {
        return baseline == 0 ? Double.NaN : Math.round(candidate / baseline * 1000.0) / 1000.0;
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
