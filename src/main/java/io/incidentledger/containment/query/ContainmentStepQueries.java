package io.incidentledger.containment.query;

import java.util.List;

import io.incidentledger.containment.api.ContainmentStepQueueView;
import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.containment.api.FindContainmentSteps;
import io.incidentledger.containment.api.ListContainmentStepsInStatus;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers other features' questions about containment steps from the containment-steps view. */
@Component
class ContainmentStepQueries {

    private static final int MAX_LIMIT = 500;

    private final ContainmentStepProjection steps;

    ContainmentStepQueries(ContainmentStepProjection steps) {
        this.steps = steps;
    }

    @QueryHandler
    List<ContainmentStepView> handle(FindContainmentSteps query) {
        return steps.steps(query.incidentId());
    }

    @QueryHandler
    ContainmentStepQueueView handle(ListContainmentStepsInStatus query) {
        int limit = Math.max(0, Math.min(query.limit(), MAX_LIMIT));
        return new ContainmentStepQueueView(steps.inStatus(query.status(), limit), steps.countInStatus(query.status()));
    }
}
