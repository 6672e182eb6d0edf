package io.incidentledger.containment.api;

/**
 * Ask for the containment steps of every incident that stand at {@code status}, newest request first, at most
 * {@code limit} of them; answered with a {@code ContainmentStepQueueView} that also counts all that stand there.
 */
public record ListContainmentStepsInStatus(ContainmentStepStatus status, int limit) {
}
