package io.incidentledger.detection.rules.anomaly;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.incidentledger.common.BackgroundLoop;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.TransactionRulesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the outflow-anomaly baselines across restarts: reads them back before anything is evaluated (the earliest
 * lifecycle phase), saves what changed every {@code snapshot-interval}, and saves once more at shutdown, after the
 * web server and consumers have stopped. Does nothing when the anomaly rule does not run.
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
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    public AnomalyBaselineStore(TransactionRules rules, TransactionRulesProperties properties, JdbcTemplate jdbc,
                                PlatformTransactionManager transactionManager, Clock clock) {
        this.detector = rules.anomalies().orElse(null);
        this.ruleId = properties.anomaly().id();
        this.intervalMillis = properties.anomaly().snapshotInterval().toMillis();
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
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

    /** Reads every saved subject back into the detector; returns how many were restored. */
    public int restore() {
        int[] counts = new int[2];
        jdbc.query("SELECT subject, state FROM anomaly_baseline WHERE rule_id = ?", row -> {
            if (detector.restore(row.getString(1), row.getBytes(2))) {
                counts[0]++;
            } else {
                counts[1]++;
            }
        }, ruleId);
        LOG.info("Outflow-anomaly baselines restored: {} subjects{}", counts[0],
                counts[1] == 0 ? "" : " (" + counts[1] + " unreadable, ignored)");
        return counts[0];
    }

    /** Saves what changed since the last save; returns the number of subjects written. */
    public int save() {
        List<Object[]> changed = new ArrayList<>();
        List<Object[]> dropped = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        boolean complete = detector.changes((subject, state) -> changed.add(new Object[] {ruleId, subject, state, now}),
                subject -> dropped.add(new Object[] {ruleId, subject}));
        try {
            transactions.executeWithoutResult(status -> {
                if (!complete) {
                    jdbc.update("DELETE FROM anomaly_baseline WHERE rule_id = ?", ruleId);
                }
                List<Object[]> deletions = new ArrayList<>(dropped);
                if (complete) {
                    changed.forEach(row -> deletions.add(new Object[] {row[0], row[1]}));
                }
                for (int i = 0; i < deletions.size(); i += BATCH) {
                    jdbc.batchUpdate("DELETE FROM anomaly_baseline WHERE rule_id = ? AND subject = ?",
                            deletions.subList(i, Math.min(deletions.size(), i + BATCH)));
                }
                for (int i = 0; i < changed.size(); i += BATCH) {
                    jdbc.batchUpdate("INSERT INTO anomaly_baseline (rule_id, subject, state, saved_at)"
                            + " VALUES (?, ?, ?, ?)", changed.subList(i, Math.min(changed.size(), i + BATCH)));
                }
            });
        } catch (RuntimeException e) {
            detector.markAllChanged();
            throw e;
        }
        return changed.size();
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
