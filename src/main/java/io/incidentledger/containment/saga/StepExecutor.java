package io.incidentledger.containment.saga;

/**
 * Carries out one attempt at a containment step: the effector port acts on the outside world, then the asset's own
 * record is updated. Implementations make exactly one bounded attempt and never throw for a failure of the outside
 * world; they decide from the retry policy whether a failure is worth another attempt.
 */
public interface StepExecutor {

    StepOutcome execute(StepOrder order);
}
