package io.incidentledger.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The pause of a background loop after failed passes: {@code first} after the first failure, twice as long after each
 * next, at most {@code max}; a pass that works starts over. One loop's: not thread-safe.
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private final Clock clock;
    private Duration pause = Duration.ZERO;
    private Instant nextTry = Instant.MIN;

    public Backoff(Duration first, Duration max, Clock clock) {
        this.first = first;
        this.max = max;
        this.clock = clock;
    }

    /** Whether the pause after the last failure is still running: no pass now. */
    public boolean pausing() {
        return clock.instant().isBefore(nextTry);
    }

    /** A pass worked: the next failure pauses {@code first} again. */
    public void succeeded() {
        pause = Duration.ZERO;
        nextTry = Instant.MIN;
    }

    /** A pass failed: returns the pause until the next, twice the last one, at most {@code max}. */
    public Duration failed() {
        pause = pause.isZero() ? first : pause.multipliedBy(2);
        if (pause.compareTo(max) > 0) {
            pause = max;
        }
        nextTry = clock.instant().plus(pause);
        return pause;
    }
}
