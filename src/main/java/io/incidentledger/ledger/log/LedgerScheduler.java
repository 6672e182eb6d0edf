package io.incidentledger.ledger.log;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.incidentledger.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the admitter on one background thread: right after a pass that admitted a full batch, otherwise every
 * {@code admit-interval}. A failed pass is logged and retried; nothing it did is kept.
 */
@Component
public class LedgerScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerScheduler.class);

    private final LogAdmitter admitter;
    private final LedgerProperties properties;
    private ScheduledExecutorService executor;

    public LedgerScheduler(LogAdmitter admitter, LedgerProperties properties) {
        this.admitter = admitter;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-admitter");
            thread.setDaemon(true);
            return thread;
        });
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
        ScheduledExecutorService current = executor;
        if (current != null && !current.isShutdown()) {
            current.schedule(this::pass, delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
