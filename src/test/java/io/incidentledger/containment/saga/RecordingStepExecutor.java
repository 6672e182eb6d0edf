package io.incidentledger.containment.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.incident.api.IncidentId;

/** Keeps the attempts the saga hands over and the incidents it withdraws; outcomes come back as events in the test. */
final class RecordingStepExecutor implements StepExecutor {

    /** How long the saga waits for an outcome before it submits an attempt again. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(37);

    final List<StepOrder> orders = new ArrayList<>();
    final List<IncidentId> withdrawn = new ArrayList<>();

    @Override
    public void submit(StepOrder order) {
        orders.add(order);
    }

    @Override
    public void withdraw(IncidentId incidentId) {
        withdrawn.add(incidentId);
    }

    @Override
    public Duration answerWithin(ContainmentStepAction action) {
        return ANSWER_WITHIN;
    }
}
