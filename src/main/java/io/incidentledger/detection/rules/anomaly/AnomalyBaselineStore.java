package io.incidentledger.detection.rules.anomaly;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.TransactionRulesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the outflow-anomaly baselines across restarts: reads them back before anything is evaluated (the earliest
 * lifecycle phase), saves what changed every {@code snapshot-interval}, and saves once more at shutdown, after the
 * web server and consumers have stopped. Does nothing when the anomaly rule does not run.
 *
 * <p>With Kafka ingest, a subject read from a partition belongs to whichever consumer holds the partition: its row
 * names the partition, the consumer that gives the partition up saves and drops its subjects ({@link #handOver}),
 * and the one that takes it reads them ({@link #takeOver}). At start only the rows of no partition are read, and a
 * node deletes or rewrites only rows of no partition or of its own partitions: rows other nodes own are theirs.
 */
@Component
public class AnomalyBaselineStore implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyBaselineStore.class);
    private static final int BATCH = 500;

    private final AnomalyDetector detector;
    private final String ruleId;
    private final long intervalMillis;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean partitioned;
    /** the partitions this node's consumers hold, whose subjects' rows are this node's to write */
    private final Set<String> owned = new HashSet<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    public AnomalyBaselineStore(TransactionRules rules, TransactionRulesProperties properties, JdbcTemplate jdbc,
                                PlatformTransactionManager transactionManager, Clock clock,
                                @Value("${incident-ledger.kafka.ingest.enabled:false}") boolean partitioned) {
        this.detector = rules.anomalies().orElse(null);
        this.ruleId = properties.anomaly().id();
        this.intervalMillis = properties.anomaly().snapshotInterval().toMillis();
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.partitioned = partitioned;
    }

    @Override
    public void start() {
        if (detector != null) {
            restore();
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "anomaly-baselines");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::saveQuietly, intervalMillis, intervalMillis,
                    TimeUnit.MILLISECONDS);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (detector != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            saveQuietly();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Just after the ledger: started before the web server, the consumers and the followers, so the baselines are
     * back before anything is evaluated; stopped after them and before the ledger, like every other lifecycle.
     */
    @Override
    public int getPhase() {
        return BackgroundLoop.LEDGER_PHASE + 1;
    }

    /**
     * Reads the saved subjects back into the detector: every one, or with Kafka ingest those of no partition (the
     * others come with their partitions). Returns how many were restored.
     */
    public int restore() {
        int restored = restore(partitioned ? " AND kafka_partition IS NULL" : "", List.of());
        LOG.info("Outflow-anomaly baselines restored: {} subjects", restored);
        return restored;
    }

    private int restore(String condition, List<String> arguments) {
        int[] counts = new int[2];
        List<Object> parameters = new ArrayList<>();
        parameters.add(ruleId);
        parameters.addAll(arguments);
        jdbc.query("SELECT subject, state, kafka_partition FROM anomaly_baseline WHERE rule_id = ?" + condition,
                row -> {
                    if (detector.restore(row.getString(1), row.getBytes(2), row.getString(3))) {
                        counts[0]++;
                    } else {
                        counts[1]++;
                    }
                }, parameters.toArray());
        if (counts[1] > 0) {
            LOG.warn("{} outflow-anomaly baselines could not be read and were ignored; those subjects learn afresh",
                    counts[1]);
        }
        return counts[0];
    }

    /**
     * A consumer of this node takes {@code partitions} over: reads the subjects last counted from them, as their
     * last owner saved them, in place of any in memory. Returns how many were restored.
     */
    public int takeOver(Collection<String> partitions) {
        if (detector == null || partitions.isEmpty()) {
            return 0;
        }
        synchronized (this) {
            owned.addAll(partitions);
        }
        int restored = restore(" AND kafka_partition IN (" + String.join(", ", Collections.nCopies(partitions.size(),
                "?")) + ")", List.copyOf(partitions));
        LOG.info("Outflow-anomaly baselines of {} taken over: {} subjects", partitions, restored);
        return restored;
    }

    /**
     * A consumer of this node gives {@code partitions} up, before their offsets are committed: saves every change,
     * then drops the partitions' subjects from memory, so that the next owner reads them as they are now.
     */
    public synchronized void handOver(Collection<String> partitions) {
        if (detector == null || partitions.isEmpty()) {
            return;
        }
        List<Object[]> released = new ArrayList<>();
        detector.release(partitions, row(released, Timestamp.from(clock.instant())));
        owned.removeAll(partitions);
        try {
            save(released);
        } catch (RuntimeException e) {
            LOG.warn("Saving the outflow-anomaly baselines of {} for their next owner failed; it reads them as last"
                    + " saved, without the {} subjects changed since", partitions, released.size(), e);
        }
    }

    /**
     * A consumer of this node lost {@code partitions} without giving them up (it was too slow to poll, say): their
     * subjects are dropped unsaved, since another consumer may already own and have read them.
     */
    public synchronized void forget(Collection<String> partitions) {
        if (detector == null || partitions.isEmpty()) {
            return;
        }
        detector.release(partitions, (subject, partition, state) -> { });
        owned.removeAll(partitions);
    }

    /** Saves what changed since the last save; returns the number of subjects written. */
    public int save() {
        return save(List.of());
    }

    private synchronized int save(List<Object[]> released) {
        List<Object[]> changed = new ArrayList<>(released);
        List<Object[]> dropped = new ArrayList<>();
        boolean complete = detector.changes(row(changed, Timestamp.from(clock.instant())),
                subject -> dropped.add(new Object[] {ruleId, subject}));
        try {
            transactions.executeWithoutResult(status -> {
                if (!complete) {
                    deleteAllOfOurs();
                }
                List<Object[]> deletions = new ArrayList<>(dropped);
                changed.forEach(row -> deletions.add(new Object[] {row[0], row[1]}));
                for (int i = 0; i < deletions.size(); i += BATCH) {
                    jdbc.batchUpdate("DELETE FROM anomaly_baseline WHERE rule_id = ? AND subject = ?",
                            deletions.subList(i, Math.min(deletions.size(), i + BATCH)));
                }
                for (int i = 0; i < changed.size(); i += BATCH) {
                    jdbc.batchUpdate("INSERT INTO anomaly_baseline (rule_id, subject, kafka_partition, state, saved_at)"
                            + " VALUES (?, ?, ?, ?, ?)", changed.subList(i, Math.min(changed.size(), i + BATCH)));
                }
            });
        } catch (RuntimeException e) {
            detector.markAllChanged();
            throw e;
        }
        return changed.size();
    }

    private AnomalyDetector.Changed row(List<Object[]> rows, Timestamp now) {
        return (subject, partition, state) -> rows.add(new Object[] {ruleId, subject, partition, state, now});
    }

    /**
     * Before every subject in memory is written again: deletes the rows this node may own. With Kafka ingest, those
     * of no partition and of this node's partitions; rows of other nodes' partitions stay.
     */
    private void deleteAllOfOurs() {
        if (!partitioned) {
            jdbc.update("DELETE FROM anomaly_baseline WHERE rule_id = ?", ruleId);
            return;
        }
        jdbc.update("DELETE FROM anomaly_baseline WHERE rule_id = ? AND kafka_partition IS NULL", ruleId);
        List<Object[]> partitions = owned.stream().map(partition -> new Object[] {ruleId, partition}).toList();
        if (!partitions.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM anomaly_baseline WHERE rule_id = ? AND kafka_partition = ?", partitions);
        }
    }

    private void saveQuietly() {
        try {
            int saved = save();
            LOG.debug("Outflow-anomaly baselines saved: {} subjects", saved);
        } catch (RuntimeException e) {
            LOG.warn("Saving the outflow-anomaly baselines failed; every subject will be saved at the next attempt",
                    e);
        }
    }
}
