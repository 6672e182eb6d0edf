package io.incidentledger.ledger.verify;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.incidentledger.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Re-verifies the whole ledger at start-up and then every {@code verify-interval}; each finding opens a CRITICAL
 * incident (once per finding, see {@link TamperAlarm}).
 */
@Component
public class BackgroundVerifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundVerifier.class);

    private final LedgerVerification verification;
    private final TamperAlarm alarm;
    private final LedgerProperties properties;
    private ScheduledExecutorService executor;
    private volatile LedgerVerification.Report lastReport;

    public BackgroundVerifier(LedgerVerification verification, TamperAlarm alarm, LedgerProperties properties) {
        this.verification = verification;
        this.alarm = alarm;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-verifier");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::verifyNow, 0, properties.verifyInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One whole-store pass; findings are raised as incidents. */
    public LedgerVerification.Report verifyNow() {
        try {
            LedgerVerification.Report report = verification.verifyStore();
            lastReport = report;
            report.findings().forEach(alarm::raise);
            if (report.intact()) {
                log.debug("Ledger verified: {} events, {} leaves, checkpoint {}", report.eventsChecked(),
                        report.leavesChecked(), report.checkpointSize());
            }
            return report;
        } catch (RuntimeException failure) {
            log.error("Ledger verification pass failed", failure);
            return null;
        }
    }

    public LedgerVerification.Report lastReport() {
        return lastReport;
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
