package io.incidentledger.containment.query;

import java.util.List;

import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.containment.api.FindContainmentSteps;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers other features' questions about containment steps from the containment-steps view. */
@Component
class ContainmentStepQueries {

    private final ContainmentStepProjection steps;

    ContainmentStepQueries(ContainmentStepProjection steps) {
        this.steps = steps;
    }

    @QueryHandler
    List<ContainmentStepView> handle(FindContainmentSteps query) {
        return steps.steps(query.incidentId());
    }
}
