package io.incidentledger.operations;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.incidentledger.common.BackgroundPasses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Retries parked events by itself, on one background thread per node: every {@code poll-interval} it takes the
 * parked sequences whose backoff has passed ({@code initial-backoff}, doubling with each failed retry up to
 * {@code max-backoff}). Nodes sharing the database share the work; Axon's claim on a letter keeps two of them from
 * retrying the same sequence at once. Runs while the application runs, not while it is paused or stopped.
 */
class DeadLetterRetrier implements SmartLifecycle {

    /** How long a stop waits for the running pass, which it does not interrupt. */
    private static final Duration PASS_WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetrier.class);

    private final DeadLetters deadLetters;
    private final long pollMillis;
    private ScheduledExecutorService executor;

    DeadLetterRetrier(DeadLetters deadLetters, ProcessingProperties settings) {
        this.deadLetters = deadLetters;
        this.pollMillis = settings.deadLetters().pollInterval().toMillis();
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-retry");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pass, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            deadLetters.retryDue();
        } catch (RuntimeException failure) {
            log.warn("Retrying parked events failed; trying again in {} ms: {}", pollMillis, failure.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            BackgroundPasses.stopWithoutInterrupt(executor, PASS_WAIT);
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
