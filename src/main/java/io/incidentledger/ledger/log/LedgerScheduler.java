package io.incidentledger.ledger.log;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.incidentledger.common.BackgroundPasses;
import io.incidentledger.ledger.LedgerProperties;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the admitter on one background thread: right after a pass that admitted a full batch, otherwise every
 * {@code admit-interval}. A failed pass is logged and retried; nothing it did is kept.
 *
 * <p>It is the last part of the application to stop, and on stopping it admits every committed event and signs a
 * checkpoint once more, so that what the service acknowledged before it stopped is in the log and signed. Spring
 * stops higher phases first: the web server drains its requests (Spring Boot's
 * {@code WebServerGracefulShutdownLifecycle}, default phase - 1024) and stops (default phase - 2048), Axon shuts
 * down its event processors, sagas and buses ({@link SpringAxonConfiguration#LIFECYCLE_PHASE}, default phase - 3072),
 * Spring's task executors stop (default phase / 2), then plain lifecycle beans (phase 0). Nothing runs work after
 * that; only the logging system (the lowest phase) outlives the ledger, to write its last lines.
 */
@Component
public class LedgerScheduler implements SmartLifecycle {

    /** Below every phase that runs work (see above): stops after them all, and starts before them. */
    public static final int PHASE = -1024;

    private static final Logger log = LoggerFactory.getLogger(LedgerScheduler.class);
    private static final Duration PASS_WAIT = Duration.ofSeconds(30);

    private final LogAdmitter admitter;
    private final LedgerProperties properties;
    private ScheduledThreadPoolExecutor executor;

    public LedgerScheduler(LogAdmitter admitter, LedgerProperties properties) {
        this.admitter = admitter;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ledger-admitter");
            thread.setDaemon(true);
            return thread;
        });
        // on stop, the next pass is dropped; the one running finishes
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.schedule(this::pass, 0, TimeUnit.MILLISECONDS);
    }

    private void pass() {
        long delay = properties.admitInterval().toMillis();
        try {
            if (admitter.admit() >= properties.admitBatchSize()) {
                delay = 0;
            }
        } catch (RuntimeException failure) {
            log.warn("Ledger admission pass failed; retrying", failure);
        }
        ScheduledThreadPoolExecutor current = executor;
        if (current != null && !current.isShutdown()) {
            current.schedule(this::pass, delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Lets a running pass finish, then admits and signs once more. No interrupt: H2 documents that interrupting a
     * thread in the middle of its I/O can corrupt an embedded database.
     */
    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        ScheduledThreadPoolExecutor stopping = executor;
        executor = null;
        if (!BackgroundPasses.stopWithoutInterrupt(stopping, PASS_WAIT)) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            log.warn("A ledger admission pass did not end within {} s of the stop", PASS_WAIT.toSeconds());
        }
        try {
            int admitted = admitter.catchUpAndCheckpoint();
            log.info("Ledger stopping: admitted the last {} events and signed a checkpoint of the whole log",
                    admitted);
        } catch (RuntimeException failure) {
            log.warn("Ledger stopping: the last admission failed; the next start admits what is left", failure);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
