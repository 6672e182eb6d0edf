package io.incidentledger.config;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.incidentledger.common.BackgroundPasses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes the incidents' snapshots on a thread of its own, after the command that called for one has committed, so
 * that no command waits for a snapshot. Axon asks for at most one snapshot per incident at a time, so the queue holds
 * at most one task per incident.
 *
 * <p>Spring stops higher phases first: this one stops after Axon ({@code SpringAxonConfiguration.LIFECYCLE_PHASE}),
 * when no command can ask for a snapshot any more, and before the database goes; it lets the snapshots already asked
 * for finish, without an interrupt (H2 documents that an interrupt in the middle of its I/O can damage an embedded
 * database). A task that still arrives when it is not running is run on the caller's thread, so that Axon's record
 * of the snapshots in progress is always cleared.
 */
final class SnapshotExecutor implements Executor, SmartLifecycle {

    /** Far below Axon's phase: stops after Axon's buses and processors. */
    static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(SnapshotExecutor.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private ThreadPoolExecutor executor;

    @Override
    public void execute(Runnable task) {
        ThreadPoolExecutor current = running();
        if (current == null) {
            task.run();
            return;
        }
        current.execute(task);
    }

    private synchronized ThreadPoolExecutor running() {
        return executor;
    }

    @Override
    public synchronized void start() {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "incident-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        // a task arriving while it stops runs on the caller's thread rather than being lost
        executor.setRejectedExecutionHandler((task, pool) -> task.run());
    }

    @Override
    public void stop() {
        ThreadPoolExecutor stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
        }
        if (stopping != null && !BackgroundPasses.stopWithoutInterrupt(stopping, STOP_WAIT)
                && !Thread.currentThread().isInterrupted()) {
            log.warn("Incident snapshots still being taken {} s after the stop; the next load replays their events",
                    STOP_WAIT.toSeconds());
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
