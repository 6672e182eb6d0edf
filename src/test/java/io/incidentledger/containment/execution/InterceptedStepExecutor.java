package io.incidentledger.containment.execution;

import java.time.Duration;
import java.util.function.Predicate;

import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.saga.StepExecutor;
import io.incidentledger.containment.saga.StepOrder;
import io.incidentledger.incident.api.IncidentId;

/**
 * The application's step executor behind a test's hand: each attempt the saga submits goes to {@code passOn} first,
 * and on to the executor only if it says so (it may also throw, as a failing port would in the saga's handler).
 */
public record InterceptedStepExecutor(StepExecutor executor, Predicate<StepOrder> passOn) implements StepExecutor {

    @Override
    public void submit(StepOrder order) {
        if (passOn.test(order)) {
            executor.submit(order);
        }
    }

    @Override
    public void withdraw(IncidentId incidentId) {
        executor.withdraw(incidentId);
    }

    @Override
    public Duration answerWithin(ContainmentStepAction action) {
        return executor.answerWithin(action);
    }
}
