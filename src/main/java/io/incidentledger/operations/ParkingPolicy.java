package io.incidentledger.operations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.incidentledger.common.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a processing group does with an event its handler failed on.
 *
 * <ul>
 *     <li>A failure of the database itself ({@link TransientFailures}) is thrown on: the processor rolls back, waits
 *     (1 s, 2 s, 4 s … up to a minute) and tries the same event again, for as long as it takes. Nothing is parked,
 *     so a blip of the database does not fill the queue with every event that arrived meanwhile.</li>
 *     <li>Any other failure is thrown on as well until the same event has failed {@code attemptsBeforeParking}
 *     times; then it is parked in the dead-letter queue, and the processor goes on with the next event. Later
 *     events of the same sequence (the same incident or asset) are parked behind it, in order.</li>
 *     <li>A parked event that fails again when it is retried stays parked, with one more failed retry in its
 *     diagnostics ({@value #RETRIES}); the automatic retry waits longer each time. It is never dropped.</li>
 * </ul>
 *
 * <p>The count of attempts is kept in memory: after a restart an event gets its attempts anew.
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostics key: how often a parked event failed again when it was retried. */
    static final String RETRIES = "retries";

    private static final Logger log = LoggerFactory.getLogger(ParkingPolicy.class);
    /** Events failing at one time in one group are few: the processor stops at the first until it passes or parks. */
    private static final int REMEMBERED_EVENTS = 256;

    private final String processingGroup;
    private final int attemptsBeforeParking;
    private final Counter parked;
    private final Map<String, Integer> attempts = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                    return size() > REMEMBERED_EVENTS;
                }
            });

    ParkingPolicy(String processingGroup, int attemptsBeforeParking, MeterRegistry meters) {
        this.processingGroup = processingGroup;
        this.attemptsBeforeParking = attemptsBeforeParking;
        this.parked = ProcessingMetrics.parkedCounter(meters, processingGroup);
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        EventMessage<?> event = letter.message();
        if (isRetryOfParkedLetter()) {
            int retries = retries(letter.diagnostics()) + 1;
            log.warn("Processing group {}: parked event {} ({}) failed again on retry {}: {}", processingGroup,
                    event.getIdentifier(), event.getPayloadType().getSimpleName(), retries, cause.toString());
            return Decisions.requeue(ThrowableCause.truncated(cause),
                    failed -> failed.diagnostics().and(RETRIES, retries));
        }
        if (TransientFailures.isTransient(cause)) {
            throw new ProcessingRetry(processingGroup, event, "the database failed; retried until it is back", cause);
        }
        int attempt = attempts.merge(event.getIdentifier(), 1, Integer::sum);
        if (attempt < attemptsBeforeParking) {
            throw new ProcessingRetry(processingGroup, event,
                    "attempt " + attempt + " of " + attemptsBeforeParking + " before it is parked", cause);
        }
        attempts.remove(event.getIdentifier());
        parked.increment();
        log.error("Processing group {}: event {} ({}) failed {} times and is parked in the dead-letter queue; later "
                        + "events of its sequence wait behind it (GET /api/admin/dead-letters)", processingGroup,
                event.getIdentifier(), event.getPayloadType().getSimpleName(), attempt, cause);
        return Decisions.enqueue(ThrowableCause.truncated(cause), first -> MetaData.with(RETRIES, 0));
    }

    /** Axon puts the letter it is retrying into the unit of work that retries it; the processor's has none. */
    private static boolean isRetryOfParkedLetter() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }

    static int retries(MetaData diagnostics) {
        Object retries = diagnostics.get(RETRIES);
        return retries instanceof Number number ? number.intValue() : 0;
    }

    /** Makes the processor roll back and try the event again after its backoff. */
    static final class ProcessingRetry extends RuntimeException {

        ProcessingRetry(String processingGroup, EventMessage<?> event, String plan, Throwable cause) {
            super("Processing group " + processingGroup + " failed on event " + event.getIdentifier() + " ("
                    + event.getPayloadType().getSimpleName() + "): " + plan, cause);
        }
    }
}
