package io.incidentledger.common;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * A background loop of the service (the ledger's admitter and verifier, the notification dispatcher, the compliance
 * deadline watch, the dead-letter retrier): one pass at a time on a thread of its own, the next one {@code interval}
 * after the last ended, or at once when the last left work over.
 *
 * <p>The shutdown order, in one place (Spring stops the highest phase first and starts the lowest first):
 * <ol>
 *     <li>{@link #WRITERS_PHASE}: the loops whose passes send commands stop, while the web server and Axon still run
 *     to take what their last pass sends;</li>
 *     <li>the live feed ends its event streams ({@code LiveSubscribers.PHASE}), which would otherwise hold up the
 *     drain for its whole length;</li>
 *     <li>the web server drains its requests (Spring Boot's {@code WebServerGracefulShutdownLifecycle}, default
 *     phase - 1024) and stops (- 2048);</li>
 *     <li>{@link #READERS_PHASE}: the loops that keep what requests read fresh (the API tokens, the live feed's reader)
 *     stop, once no request is left to need them; they started before the web server did;</li>
 *     <li>Axon stops its processors, sagas and buses ({@code SpringAxonConfiguration.LIFECYCLE_PHASE}, - 3072);
 *     every other lifecycle stops;</li>
 *     <li>{@link #LEDGER_PHASE}: the ledger's admitter stops, admits every committed event and signs a checkpoint, so
 *     that whatever the loops and the drained requests wrote is in the log and signed;</li>
 *     <li>the logging system, last, writes the final lines.</li>
 * </ol>
 *
 * <p>A stop takes no new pass and waits up to {@code passWait} for the running one without interrupting it: H2
 * documents that an interrupt in the middle of its I/O can damage an embedded database. A pass still running after
 * that is left to end by itself on its daemon thread.
 *
 * <p>Each loop owns a one-thread {@link ThreadPoolTaskScheduler} rather than sharing a scheduler bean: it then stops
 * exactly in its loop's phase, and no {@code Executor} bean displaces Spring Boot's {@code applicationTaskExecutor}.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    /** The loops that write events: they stop first, before the web server drains and before Axon stops. */
    public static final int WRITERS_PHASE = SmartLifecycle.DEFAULT_PHASE;

    /**
     * The loops that keep what requests read up to date and write no events: they start before the web server takes
     * requests and stop after it has drained them, before Axon stops.
     */
    public static final int READERS_PHASE = SmartLifecycle.DEFAULT_PHASE - 2560;

    /** The ledger's admitter: below every phase that runs work, it stops after them all and starts before them. */
    public static final int LEDGER_PHASE = -1024;

    private final String name;
    private final int phase;
    private final Duration interval;
    private final Duration firstDelay;
    private final Duration passWait;
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> passes;
    private volatile boolean running;
    private volatile boolean workLeft;

    /**
     * @param name       names the loop's thread
     * @param phase      its lifecycle phase: {@link #WRITERS_PHASE}, {@link #READERS_PHASE} or {@link #LEDGER_PHASE}
     * @param interval   the pause between the end of a pass and the start of the next
     * @param firstDelay the pause between the start and the first pass
     * @param passWait   how long a stop waits for the running pass
     */
    protected BackgroundLoop(String name, int phase, Duration interval, Duration firstDelay, Duration passWait) {
        this.name = name;
        this.phase = phase;
        this.interval = interval;
        this.firstDelay = firstDelay;
        this.passWait = passWait;
    }

    /**
     * One pass. It handles its own failures; should one escape, Spring's scheduler logs it and the loop goes on.
     *
     * @return whether it left work over, so that the next pass starts at once
     */
    protected abstract boolean runPass();

    /**
     * Called by the stop once no pass runs any more, or the wait for the running one is over.
     *
     * @param passEnded whether the last pass ended within {@code passWait}; {@code false} also when the stopping
     *                  thread was interrupted, whose interrupt flag is then set
     */
    protected void afterStop(boolean passEnded) {
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ThreadPoolTaskScheduler starting = new ThreadPoolTaskScheduler();
        starting.setBeanName(name);
        starting.setThreadNamePrefix(name + "-");
        starting.setDaemon(true);
        // a stop lets the running pass finish and never interrupts it (see above)
        starting.setWaitForTasksToCompleteOnShutdown(true);
        starting.setAwaitTerminationMillis(passWait.toMillis());
        starting.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        starting.initialize();
        workLeft = false;
        scheduler = starting;
        running = true;
        passes = starting.schedule(this::pass, new AfterEachPass());
    }

    private void pass() {
        // a pass that throws leaves nothing over: the next waits the interval rather than running at once
        workLeft = false;
        workLeft = runPass();
    }

    /** The next pass: {@code firstDelay} after the start, then at once or {@code interval} after the last ended. */
    private final class AfterEachPass implements Trigger {

        @Override
        public Instant nextExecution(TriggerContext context) {
            Instant lastEnded = context.lastCompletion();
            if (lastEnded == null) {
                return context.getClock().instant().plus(firstDelay);
            }
            return workLeft ? lastEnded : lastEnded.plus(interval);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        running = false;
        passes.cancel(false);
        // Spring's shutdown, configured above: no new pass, and a wait for the running one without an interrupt
        scheduler.shutdown();
        boolean passEnded = scheduler.getScheduledExecutor().isTerminated();
        scheduler = null;
        passes = null;
        afterStop(passEnded);
    }

    /** Whether the loop runs; {@code false} as soon as a stop has begun, also while it waits for the last pass. */
    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
