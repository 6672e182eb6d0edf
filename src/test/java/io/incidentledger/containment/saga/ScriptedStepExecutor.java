package io.incidentledger.containment.saga;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers each attempt with the next scripted outcome (executed when the script is empty) and keeps the orders. */
final class ScriptedStepExecutor implements StepExecutor {

    private final Deque<StepOutcome> script = new ArrayDeque<>();
    final List<StepOrder> orders = new ArrayList<>();

    ScriptedStepExecutor then(StepOutcome outcome) {
        script.add(outcome);
        return this;
    }

    @Override
    public StepOutcome execute(StepOrder order) {
        orders.add(order);
        StepOutcome next = script.poll();
        return next != null ? next : new StepOutcome.Executed("dry-run", "dry-run:" + order.stepId());
    }
}
