package io.incidentledger.containment.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.incidentledger.common.BackgroundPasses;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.RecordContainmentStepAttemptFailed;
import io.incidentledger.containment.api.RecordContainmentStepExecuted;
import io.incidentledger.containment.api.RecordContainmentStepFailed;
import io.incidentledger.containment.effector.EffectorAction;
import io.incidentledger.containment.effector.EffectorProperties;
import io.incidentledger.containment.effector.Effectors;
import io.incidentledger.containment.effector.Port;
import io.incidentledger.containment.saga.ContainmentSaga;
import io.incidentledger.containment.saga.StepExecutor;
import io.incidentledger.containment.saga.StepOrder;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes the containment saga's attempts on threads of its own, so that a receiver taking its whole timeout holds up
 * nothing but its own step: one lane of {@value #THREADS_PER_PORT} threads per port, and one for notification steps.
 * An attempt is taken once the saga's transaction has committed (with the deadline that would submit it again),
 * and its outcome is recorded on the incident as the playbook's service actor: executed, attempt failed with the
 * time of the next attempt, or failed.
 *
 * <p>Nothing here is durable, and need not be: an attempt lost with the node (or dropped when it stops) is submitted
 * again by the saga when its answer is overdue ({@link #answerWithin}).
 */
@Component
public class EffectorStepExecutor implements StepExecutor, SmartLifecycle {

    /** Attempts one port makes at the same time; more wait in its lane. */
    static final int THREADS_PER_PORT = 4;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final String NOTIFY_LANE = "alerting";

    private static final Logger log = LoggerFactory.getLogger(EffectorStepExecutor.class);

    private final StepAttempts attempts;
    private final EffectorProperties properties;
    private final CommandGateway commands;
    private final Clock clock;
    /** Attempts waiting or running, by step and attempt number: taking one twice makes it once. */
    private final Map<String, Attempt> taken = new ConcurrentHashMap<>();
    private volatile Map<String, ThreadPoolExecutor> lanes;

    public EffectorStepExecutor(Effectors effectors, EffectorProperties properties, QueryGateway queries,
                                CommandGateway commands, Clock clock) {
        this.attempts = new StepAttempts(effectors, queries, commands);
        this.properties = properties;
        this.commands = commands;
        this.clock = clock;
        // ready before the sagas start, which happens before this bean's start()
        this.lanes = openLanes();
    }

    @Override
    public void submit(StepOrder order) {
        afterCommit(() -> take(order));
    }

    @Override
    public void withdraw(IncidentId incidentId) {
        // after the commit too, so that it follows an attempt submitted earlier in the same transaction
        afterCommit(() -> taken.values().stream().filter(attempt -> attempt.order.incidentId().equals(incidentId))
                .forEach(attempt -> attempt.withdrawn = true));
    }

    @Override
    public Duration answerWithin(ContainmentStepAction action) {
        // the grace covers waiting in the lane behind other attempts, and recording the outcome
        if (action == ContainmentStepAction.NOTIFY) {
            return properties.answerGrace();
        }
        EffectorProperties.PortSettings port = properties.forPort(EffectorAction.valueOf(action.name()).port());
        return port.mode() == EffectorProperties.Mode.WEBHOOK
                ? port.connectTimeout().plus(port.timeout()).plus(properties.answerGrace()) : properties.answerGrace();
    }

    private static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }

    private void take(StepOrder order) {
        Attempt attempt = new Attempt(order);
        if (taken.putIfAbsent(attempt.key, attempt) != null) {
            log.debug("Step {} of incident {}: attempt {} is already waiting or running", order.stepId(),
                    order.incidentId(), order.attempt());
            return;
        }
        Map<String, ThreadPoolExecutor> open = lanes;
        try {
            if (open == null) {
                throw new RejectedExecutionException("stopped");
            }
            open.get(laneOf(order.action())).execute(attempt);
        } catch (RejectedExecutionException stopped) {
            taken.remove(attempt.key, attempt);
            log.info("Step {} of incident {}: attempt {} is not made now, the node is stopping; the saga submits it"
                    + " again", order.stepId(), order.incidentId(), order.attempt());
        }
    }

    /** One attempt at one step, as taken: run once by a thread of its lane. */
    private final class Attempt implements Runnable {

        private final StepOrder order;
        private final String key;
        private volatile boolean withdrawn;

        Attempt(StepOrder order) {
            this.order = order;
            this.key = order.stepId() + "#" + order.attempt();
        }

        @Override
        public void run() {
            try {
                if (withdrawn) {
                    record(new RecordContainmentStepFailed(order.incidentId(), order.stepId(), order.attempt() - 1,
                            "attempt " + order.attempt() + " not made: containment of the incident ended"));
                    return;
                }
                StepOutcome outcome = attempts.make(order);
                if (withdrawn && outcome instanceof StepOutcome.Retry retry) {
                    outcome = new StepOutcome.Failed(retry.reason()
                            + "; not tried again: containment of the incident ended");
                }
                record(outcome);
            } catch (RuntimeException failure) {
                log.warn("Step {} of incident {}: attempt {} ended without a recorded outcome ({}); the saga submits"
                        + " it again when its answer is due", order.stepId(), order.incidentId(), order.attempt(),
                        failure.toString());
            } finally {
                taken.remove(key, this);
            }
        }

        private void record(StepOutcome outcome) {
            Instant now = clock.instant();
            if (outcome instanceof StepOutcome.Executed executed) {
                record(new RecordContainmentStepExecuted(order.incidentId(), order.stepId(), executed.adapter(),
                        executed.externalReference(), order.attempt(), now));
            } else if (outcome instanceof StepOutcome.Retry retry) {
                record(new RecordContainmentStepAttemptFailed(order.incidentId(), order.stepId(), order.attempt(),
                        retry.reason(), now.plus(retry.backoff())));
            } else if (outcome instanceof StepOutcome.Failed failed) {
                record(new RecordContainmentStepFailed(order.incidentId(), order.stepId(), order.attempt(),
                        failed.reason()));
            }
        }

        private void record(Object command) {
            try {
                commands.sendAndWait(ActorMetadata.serviceCommand(command, ContainmentSaga.ACTOR, Roles.SYSTEM));
            } catch (CommandRefusedException refused) {
                // e.g. the same attempt made twice (on two nodes): its first outcome stands
                log.info("incident {}: {} was refused: {}", order.incidentId(), command.getClass().getSimpleName(),
                        refused.getMessage());
            }
        }
    }

    private static String laneOf(ContainmentStepAction action) {
        return action == ContainmentStepAction.NOTIFY ? NOTIFY_LANE
                : EffectorAction.valueOf(action.name()).port().key();
    }

    private static Map<String, ThreadPoolExecutor> openLanes() {
        Map<String, ThreadPoolExecutor> open = new LinkedHashMap<>();
        for (Port port : Port.values()) {
            open.put(port.key(), lane(port.key()));
        }
        open.put(NOTIFY_LANE, lane(NOTIFY_LANE));
        return Map.copyOf(open);
    }

    private static ThreadPoolExecutor lane(String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "containment-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor lane = new ThreadPoolExecutor(THREADS_PER_PORT, THREADS_PER_PORT, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), threads);
        lane.allowCoreThreadTimeOut(true);
        return lane;
    }

    @Override
    public synchronized void start() {
        if (lanes == null) {
            lanes = openLanes();
        }
    }

    /** Drops the attempts still waiting (the saga submits them again) and waits a while for the running ones. */
    @Override
    public synchronized void stop() {
        Map<String, ThreadPoolExecutor> open = lanes;
        if (open == null) {
            return;
        }
        lanes = null;
        List<Runnable> dropped = new ArrayList<>();
        open.values().forEach(lane -> {
            lane.getQueue().drainTo(dropped);
            lane.shutdown();
        });
        dropped.forEach(attempt -> taken.remove(((Attempt) attempt).key, attempt));
        open.values().forEach(lane -> BackgroundPasses.stopWithoutInterrupt(lane, STOP_WAIT));
    }

    @Override
    public boolean isRunning() {
        return lanes != null;
    }
}
