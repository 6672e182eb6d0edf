package io.incidentledger.operations;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the event processors deal with events they fail on, and when they count as caught up. See
 * {@code docs/operations.md}, "Processing failures" and "Actuator endpoints".
 *
 * @param attemptsBeforeParking how often a projection tries an event (the processor waiting 1 s, 2 s, 4 s … between
 *                              tries) before it parks the event in the dead-letter queue; failures of the database
 *                              connection itself are retried without end and never park anything. Keep the time
 *                              this takes below {@code readiness.max-lag}, so that one bad event does not take the
 *                              nodes out of service: 3 tries take about 3 s.
 * @param deadLetters           when parked events are tried again by themselves
 * @param readiness             when the processors count as caught up
 */
@Validated
@ConfigurationProperties("incident-ledger.processing")
public record ProcessingProperties(@Min(1) @DefaultValue("3") int attemptsBeforeParking,
                                   @NotNull @Valid @DefaultValue DeadLetters deadLetters,
                                   @NotNull @Valid @DefaultValue Readiness readiness) {

    /**
     * The automatic retry of parked events.
     *
     * @param pollInterval   how often each node looks for parked events that are due
     * @param initialBackoff the wait before the first retry of a parked event; it doubles with each failed retry
     * @param maxBackoff     the longest wait between two retries
     */
    public record DeadLetters(@NotNull @DefaultValue("10s") Duration pollInterval,
                              @NotNull @DefaultValue("1m") Duration initialBackoff,
                              @NotNull @DefaultValue("1h") Duration maxBackoff) {

        /** {@code initial-backoff} doubled for each failed retry, at most {@code max-backoff}. */
        Duration backoff(int failedRetries) {
            Duration wait = initialBackoff;
            for (int retry = 0; retry < failedRetries && wait.compareTo(maxBackoff) < 0; retry++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /**
     * @param maxLag a processor counts as behind while an event it has not handled yet was stored longer ago than
     *               this, and as failing once it has failed for longer than this; a steady trickle of events is
     *               handled well within it
     */
    public record Readiness(@NotNull @DefaultValue("5s") Duration maxLag) {
    }
}
