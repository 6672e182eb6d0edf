package io.incidentledger.containment.effector;

/**
 * An adapter behind a port: makes exactly one bounded attempt at a step and says how it ended. It never retries and
 * never throws for a failure of the outside world; the saga schedules the next attempt with the port's
 * {@link RetryPolicy}.
 */
@FunctionalInterface
public interface Effector {

    EffectorResult perform(EffectorRequest request);

    /** The adapter's name for display and for {@link EffectorResult.Executed#adapter()}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
