package io.incidentledger.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.incidentledger.alerting.AlertingProperties.Recipient;
import io.incidentledger.alerting.NotificationOutbox.Entry;
import io.incidentledger.alerting.api.RecordNotificationDelivered;
import io.incidentledger.alerting.api.RecordNotificationDeliveryFailed;
import io.incidentledger.common.BackgroundPasses;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends the notifications the outbox holds, on one background thread per node. Each row is claimed with a single
 * conditional UPDATE before it is sent, so when several nodes share the database exactly one of them sends it; a
 * node that dies mid-send loses its claim after {@code claim-timeout}. A failed attempt is tried again after an
 * exponential backoff (capped), for as long as it takes, also after a restart since the state is in the database.
 *
 * <p>A claim is released when its row has been worked on. A release that fails (the database went away meanwhile)
 * is tried again at the start of every following pass until it succeeds, so the row is due again as soon as the
 * database is back rather than after {@code claim-timeout}.
 *
 * <p>After {@code failure-threshold} failed attempts the failure is recorded on the incident once
 * ({@link RecordNotificationDeliveryFailed}, naming the recipient by its configured name, never its address); when
 * such a notification is delivered in the end, that is recorded too ({@link RecordNotificationDelivered}). Both are
 * sent as the service actor {@value #ACTOR} with role SYSTEM, the product acting on its own.
 */
public class NotificationDispatcher implements SmartLifecycle {

    /** How long a stop waits for the running pass, which it does not interrupt. */
    private static final Duration PASS_WAIT = Duration.ofSeconds(10);

    static final String ACTOR = "notifier";
    static final String ACTOR_ROLE = Roles.SYSTEM;
    static final int BATCH = 50;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final NotificationOutbox outbox;
    private final Map<Channel, NotificationChannel> channels = new EnumMap<>(Channel.class);
    private final AlertingProperties properties;
    private final CommandGateway commands;
    private final Clock clock;
    /** Claims this node still holds because their release failed: notification id to claim. */
    private final Map<String, String> unreleased = new ConcurrentHashMap<>();
    private ScheduledThreadPoolExecutor executor;

    public NotificationDispatcher(NotificationOutbox outbox, List<NotificationChannel> channels,
                                  AlertingProperties properties, CommandGateway commands, Clock clock) {
        this.outbox = outbox;
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.properties = properties;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * One pass: claims and works through the rows that are due, at most {@link #BATCH}.
     *
     * @return how many rows were due, claimed by this node or not
     */
    public int dispatchDue() {
        releaseLeftClaims();
        List<String> due = outbox.due(clock.instant(), BATCH);
        for (String notificationId : due) {
            String claim = UUID.randomUUID().toString();
            Instant now = clock.instant();
            boolean claimed;
            try {
                claimed = outbox.claim(notificationId, claim, now, now.plus(properties.delivery().claimTimeout()));
            } catch (RuntimeException failed) {
                // the claim may have been stored although its answer was lost: released at the next pass, if so
                unreleased.put(notificationId, claim);
                throw failed;
            }
            if (!claimed) {
                continue;
            }
            try {
                outbox.find(notificationId).ifPresent(entry -> work(entry, claim));
            } finally {
                release(notificationId, claim);
            }
        }
        return due.size();
    }

    private void release(String notificationId, String claim) {
        try {
            outbox.release(notificationId, claim);
        } catch (RuntimeException failed) {
            unreleased.put(notificationId, claim);
            log.warn("Notification {}: could not release its claim ({}); released at the next pass",
                    notificationId, failed.toString());
        }
    }

    private void releaseLeftClaims() {
        unreleased.forEach((notificationId, claim) -> {
            outbox.release(notificationId, claim);
            unreleased.remove(notificationId, claim);
            log.debug("Notification {}: claim released after the failure", notificationId);
        });
    }

    private void work(Entry entry, String claim) {
        Notification notification = entry.notification();
        String id = notification.notificationId();
        int attempts = entry.attempts();
        if (!entry.delivered()) {
            attempts++;
            Optional<String> failure = attempt(notification);
            Instant at = clock.instant();
            if (failure.isPresent()) {
                Instant next = at.plus(backoff(properties.delivery(), attempts));
                if (!outbox.failed(id, claim, attempts, at, failure.get(), next)) {
                    lostClaim(id);
                    return;
                }
                log.warn("Notification {} ({} about incident {} to {} by {}) failed on attempt {}: {}; next attempt "
                                + "at {}", id, notification.kind(), notification.incidentId(),
                        notification.recipient(), notification.channel(), attempts, failure.get(), next);
                if (attempts >= properties.delivery().failureThreshold() && !entry.failureRecorded()
                        && record(new RecordNotificationDeliveryFailed(notification.incidentId(), id,
                        notification.kind().name(), notification.channel().name(), notification.recipient(),
                        attempts, failure.get()))) {
                    outbox.failureRecorded(id, claim);
                }
                return;
            }
            // a delivery whose failure is on the incident has one more thing to do: say it arrived after all
            if (!outbox.delivered(id, claim, attempts, at, entry.failureRecorded() ? at : null)) {
                lostClaim(id);
                return;
            }
            log.info("Notification {} ({} about incident {}) delivered to {} by {} on attempt {}", id,
                    notification.kind(), notification.incidentId(), notification.recipient(),
                    notification.channel(), attempts);
        }
        if (entry.failureRecorded() && !entry.deliveryRecorded()) {
            if (record(new RecordNotificationDelivered(notification.incidentId(), id, notification.channel().name(),
                    notification.recipient(), attempts))) {
                outbox.deliveryRecorded(id, claim);
            } else {
                outbox.postpone(id, claim, clock.instant().plus(properties.delivery().initialBackoff()));
            }
        }
    }

    private Optional<String> attempt(Notification notification) {
        try {
            NotificationChannel channel = channels.get(notification.channel());
            if (channel == null) {
                throw new DeliveryException("no " + notification.channel() + " channel is available");
            }
            Recipient recipient = properties.recipient(notification.recipient()).orElseThrow(
                    () -> new DeliveryException("recipient " + notification.recipient() + " is no longer configured"));
            channel.send(notification, recipient);
            return Optional.empty();
        } catch (DeliveryException failed) {
            return Optional.of(failed.getMessage());
        } catch (RuntimeException unexpected) {
            log.warn("Notification {} failed unexpectedly", notification.notificationId(), unexpected);
            return Optional.of("unexpected failure (" + unexpected.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Sends a command recording a delivery fact on the incident.
     *
     * @return whether the incident has it, or refused it for good; {@code false} to try again later
     */
    private boolean record(Object command) {
        try {
            commands.send(ActorMetadata.serviceCommand(command, ACTOR, ACTOR_ROLE))
                    .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof CommandRefusedException || cause instanceof AggregateNotFoundException) {
                log.warn("The incident refused {}: {}", command.getClass().getSimpleName(), cause.getMessage());
                return true;
            }
            log.warn("Could not record {} on the incident; will try again", command.getClass().getSimpleName(),
                    cause);
            return false;
        } catch (TimeoutException slow) {
            log.warn("Recording {} on the incident took too long; will try again",
                    command.getClass().getSimpleName());
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void lostClaim(String notificationId) {
        log.warn("Notification {}: another node took it over while this one was sending (claim-timeout too short?)",
                notificationId);
    }

    /** {@code initial-backoff} doubled for each failure after the first, at most {@code max-backoff}. */
    static Duration backoff(AlertingProperties.Delivery delivery, int failures) {
        Duration wait = delivery.initialBackoff();
        for (int failure = 1; failure < failures && wait.compareTo(delivery.maxBackoff()) < 0; failure++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(delivery.maxBackoff()) > 0 ? delivery.maxBackoff() : wait;
    }

    @Override
    public synchronized void start() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "notification-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        // on stop, the next pass is dropped; the one running finishes its sends
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.schedule(this::pass, 0, TimeUnit.MILLISECONDS);
    }

    private void pass() {
        long delay = properties.delivery().pollInterval().toMillis();
        try {
            if (dispatchDue() >= BATCH) {
                delay = 0;
            }
        } catch (RuntimeException failure) {
            log.warn("Notification dispatch pass failed; retrying", failure);
        }
        ScheduledThreadPoolExecutor current = executor;
        if (current != null && !current.isShutdown()) {
            current.schedule(this::pass, delay, TimeUnit.MILLISECONDS);
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
