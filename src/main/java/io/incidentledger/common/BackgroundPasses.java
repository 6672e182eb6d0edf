package io.incidentledger.common;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops the executor of a background loop (the ledger's admitter and verifier, the notification dispatcher, the
 * dead-letter retrier, the compliance deadline watch) without interrupting the pass it is running: H2 documents that
 * an interrupt in the middle of its I/O can damage an embedded database.
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
