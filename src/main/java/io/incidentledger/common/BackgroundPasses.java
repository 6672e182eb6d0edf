package io.incidentledger.common;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops an executor of background work (effector attempts, incident snapshots) without interrupting the task it is
 * running: H2 documents that an interrupt in the middle of its I/O can damage an embedded database, and an attempt's
 * outcome is still to be recorded. The periodic loops stop the same way through {@link BackgroundLoop}.
 */
public final class BackgroundPasses {

    private BackgroundPasses() {
    }

    /**
     * Takes no new pass and waits for the running one.
     *
     * @return whether the running pass ended within {@code wait}; {@code false} also when the waiting thread was
     *         interrupted, whose interrupt flag is then set again
     */
    public static boolean stopWithoutInterrupt(ExecutorService executor, Duration wait) {
        executor.shutdown();
        try {
            return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
