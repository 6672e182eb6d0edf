package io.incidentledger.containment.effector;

import java.time.Duration;
import java.util.Objects;

/**
 * When a saga tries a step again after a {@link EffectorResult.RetryableFailure}: the wait after attempt {@code n}
 * is {@code initialBackoff * multiplier^(n-1)}, never more than {@code maxBackoff}, and after {@code maxAttempts}
 * attempts the step has failed for good. No jitter: the waits are persistent deadlines, one per step, so there is
 * no herd of clients to spread out, and fixed waits keep the tests exact. Not Spring Retry or Resilience4j: they
 * wait on the calling thread and forget on a restart, where these waits are stored deadlines.
 *
 * @param maxAttempts    attempts in all, the first one included (at least 1)
 * @param initialBackoff the wait after the first attempt
 * @param multiplier     how much each wait grows over the previous one (at least 1)
 * @param maxBackoff     the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /** Five attempts, waiting 2 s, 4 s, 8 s, 16 s between them; waits never longer than 5 minutes. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(2), 2, Duration.ofMinutes(5));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initial-backoff must be positive, was " + initialBackoff);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number of at least 1, was " + multiplier);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "max-backoff (" + maxBackoff + ") must not be shorter than initial-backoff (" + initialBackoff + ")");
        }
    }

    /** How long to wait after failed attempt {@code attempt} (1-based) before the next one. */
    public Duration backoffAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1);
        // comparing as doubles first: a large attempt number overflows long, and pow may give infinity
        if (nanos >= maxBackoff.toNanos()) {
            return maxBackoff;
        }
        return Duration.ofNanos((long) nanos);
    }

    /** Whether attempt {@code attempt} (1-based) was the last one allowed. */
    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }

    /** The failure to record when the last allowed attempt failed in a way that would otherwise be retried. */
    public EffectorResult.PermanentFailure giveUp(int attempts, EffectorResult.RetryableFailure last) {
        return new EffectorResult.PermanentFailure("gave up after " + attempts
                + (attempts == 1 ? " attempt: " : " attempts: ") + last.reason());
    }
}
