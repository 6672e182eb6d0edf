package benchmarks.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import benchmarks.BenchApplication;
import benchmarks.IncidentLifecycleWorkload;
import benchmarks.harness.LatencyRecorder;
import benchmarks.harness.LatencyStats;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checkpoint lag under load: the incident lifecycle at full rate from {@code threads} clients for {@code seconds},
 * with the application's own admitter and checkpoint signer running as configured. For every event appended in
 * that window, afterwards: the first signed checkpoint whose tree covers its leaf ({@code tree_size > leaf_index}),
 * and the lag from the moment its command returned to the client ({@code sendAndWait}) until that checkpoint's
 * {@code signed_at} (both read from the same JVM's clock), as well as from the event's own stored timestamp (taken
 * in the command handler, just before commit) to its leaf's {@code admitted_at} and to the checkpoint.
 */
final class CheckpointLag {

    private CheckpointLag() {
    }

    static Map<String, Object> measure(BenchApplication application, int threads, int seconds, long timeoutMillis)
            throws Exception {
        JdbcTemplate jdbc = application.bean(JdbcTemplate.class);
        CommandGateway gateway = application.bean(CommandGateway.class);
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
        long checkpointsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_checkpoint", Long.class);
        Map<String, Instant> returned = new ConcurrentHashMap<>();
        IncidentLifecycleWorkload workload = new IncidentLifecycleWorkload(gateway,
                ActorMetadata.ofService("bench", "RESPONDER"),
                (aggregate, sequence, at) -> returned.put(aggregate + "#" + sequence, at));
        AtomicLong failed = new AtomicLong();
        AtomicLong units = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long begin = System.nanoTime();
        long deadline = begin + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<LatencyRecorder>> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            clients.add(pool.submit(() -> {
                LatencyRecorder recorder = new LatencyRecorder();
                while (System.nanoTime() < deadline) {
                    try {
                        workload.runUnit(units.getAndIncrement(), recorder);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return recorder;
            }));
        }
        List<long[]> samples = new ArrayList<>();
        for (Future<LatencyRecorder> client : clients) {
            samples.add(client.get().samplesCopy());
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        pool.shutdown();

        // wait until every event of the window is a leaf and a checkpoint covers them all
        long waitStart = System.nanoTime();
        long waitDeadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < waitDeadline) {
            Boolean covered = jdbc.queryForObject("""
                    SELECT (SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry)
                               = (SELECT COALESCE(MAX(global_index), 0) FROM ledger_leaf)
                       AND (SELECT COALESCE(MAX(tree_size), 0) FROM ledger_checkpoint)
                               >= (SELECT COUNT(*) FROM ledger_leaf)""", Boolean.class);
            if (Boolean.TRUE.equals(covered)) {
                break;
            }
            Thread.sleep(20);
        }
        long settleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitStart);

        List<Long> fromReturn = new ArrayList<>();
        List<Long> fromEvent = new ArrayList<>();
        List<Long> admission = new ArrayList<>();
        long[] unmatched = {0};
        jdbc.query("""
                        SELECT e.aggregate_identifier, e.sequence_number, e.time_stamp, l.admitted_at,
                               (SELECT c.signed_at FROM ledger_checkpoint c WHERE c.tree_size > l.leaf_index
                                ORDER BY c.tree_size LIMIT 1) AS covered_at
                        FROM domain_event_entry e JOIN ledger_leaf l ON l.global_index = e.global_index
                        WHERE e.global_index > ?""",
                row -> {
                    Instant eventTime = Instant.parse(row.getString(3));
                    Instant admittedAt = row.getObject(4, OffsetDateTime.class).toInstant();
                    OffsetDateTime coveredAt = row.getObject(5, OffsetDateTime.class);
                    Instant returnedAt = returned.get(row.getString(1) + "#" + row.getLong(2));
                    admission.add(micros(eventTime, admittedAt));
                    if (coveredAt == null) {
                        unmatched[0]++;
                        return;
                    }
                    fromEvent.add(micros(eventTime, coveredAt.toInstant()));
                    if (returnedAt == null) {
                        unmatched[0]++;
                    } else {
                        fromReturn.add(micros(returnedAt, coveredAt.toInstant()));
                    }
                }, before);
        long checkpoints = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_checkpoint", Long.class)
                - checkpointsBefore;

        LatencyStats commands = LatencyStats.of(samples);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("description", "incident lifecycle at full rate for " + seconds + " s from " + threads
                + " clients; per event: first signed checkpoint covering its leaf. Absolute figures (no baseline:"
                + " the lag is bounded by the configured admit-interval and checkpoint-interval).");
        result.put("threads", threads);
        result.put("seconds", Math.round(elapsed * 1000) / 1000.0);
        result.put("commands", commands.count());
        result.put("failedUnits", failed.get());
        result.put("commandsPerSecond", Math.round(commands.count() / elapsed * 10) / 10.0);
        result.put("commandLatencyMillis", commands);
        result.put("eventsMeasured", fromEvent.size());
        result.put("eventsUnmatched", unmatched[0]);
        result.put("checkpointsSigned", checkpoints);
        result.put("checkpointsPerSecond", Math.round(checkpoints / elapsed * 100) / 100.0);
        result.put("settleMillisAfterLoad", settleMillis);
        result.put("lagFromCommandReturnMillis", percentiles(fromReturn));
        result.put("lagFromEventTimestampMillis", percentiles(fromEvent));
        result.put("admissionLagFromEventTimestampMillis", percentiles(admission));
        return result;
    }

    private static long micros(Instant from, Instant to) {
        Duration duration = Duration.between(from, to);
        return duration.getSeconds() * 1_000_000 + duration.getNano() / 1_000;
    }

    /** Nearest-rank percentiles of microsecond values, in milliseconds. */
    static Map<String, Object> percentiles(List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("count", sorted.length);
        if (sorted.length == 0) {
            return stats;
        }
        stats.put("min", sorted[0] / 1000.0);
        stats.put("mean", Math.round(java.util.Arrays.stream(sorted).average().orElse(0)) / 1000.0);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            stats.put("p" + (p == 99.9 ? "999" : String.valueOf((int) p)),
                    sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0);
        }
        stats.put("max", sorted[sorted.length - 1] / 1000.0);
        return stats;
    }
}
