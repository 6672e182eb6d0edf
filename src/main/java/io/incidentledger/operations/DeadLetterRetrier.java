package io.incidentledger.operations;

import java.time.Duration;

import io.incidentledger.common.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries parked events by itself, on one background thread per node: every {@code poll-interval} it takes the
 * parked sequences whose backoff has passed ({@code initial-backoff}, doubling with each failed retry up to
 * {@code max-backoff}). Nodes sharing the database share the work; Axon's claim on a letter keeps two of them from
 * retrying the same sequence at once. Runs while the application runs, not while it is paused or stopped; it stops
 * before Axon does ({@link BackgroundLoop#WRITERS_PHASE}), whose processors handle what it retries.
 */
class DeadLetterRetrier extends BackgroundLoop {

    /** How long a stop waits for the running pass, which it does not interrupt. */
    private static final Duration PASS_WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetrier.class);

    private final DeadLetters deadLetters;
    private final Duration pollInterval;

    DeadLetterRetrier(DeadLetters deadLetters, ProcessingProperties settings) {
        super("dead-letter-retry", WRITERS_PHASE, settings.deadLetters().pollInterval(),
                settings.deadLetters().pollInterval(), PASS_WAIT);
        this.deadLetters = deadLetters;
        this.pollInterval = settings.deadLetters().pollInterval();
    }

    @Override
    protected boolean runPass() {
        try {
            deadLetters.retryDue();
        } catch (RuntimeException failure) {
            log.warn("Retrying parked events failed; trying again in {} ms: {}", pollInterval.toMillis(),
                    failure.toString());
        }
        return false;
    }
}
