package io.incidentledger.containment.saga;

import java.time.Duration;

import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.incident.api.IncidentId;

/**
 * Carries out attempts at containment steps away from the saga: {@link #submit} only takes the order and returns, one
 * of the executor's own threads makes the attempt (the effector port acts on the outside world, then the asset's own
 * record is updated), and the outcome comes back to the saga as an event on the incident: executed, attempt failed
 * (with the time of the next attempt) or failed.
 *
 * <p>Taking an order is not remembered anywhere durable: the saga keeps a deadline per attempt
 * ({@link #answerWithin}) and submits the same attempt again when no outcome was recorded by then, e.g. after a
 * crash. The step id is the receiver's idempotency key, so a repeated attempt is carried out once.
 */
public interface StepExecutor {

    /**
     * Takes one attempt at a step, to be made once the caller's transaction has committed. Taking the same attempt
     * of the same step again while it is waiting or running changes nothing.
     */
    void submit(StepOrder order);

    /**
     * Containment of the incident has ended: attempts of it not yet begun are not made (recorded as failed instead),
     * and one running now is not followed by another.
     */
    void withdraw(IncidentId incidentId);

    /** How long after {@link #submit} an attempt at {@code action} has surely either ended or been lost. */
    Duration answerWithin(ContainmentStepAction action);
}
