package io.incidentledger.containment.execution;

import java.util.Optional;

import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.containment.query.ContainmentStepProjection;
import io.incidentledger.containment.saga.StepLookup;
import io.incidentledger.incident.api.IncidentId;
import org.springframework.stereotype.Component;

/** Finds a step in the containment steps view, which containment itself keeps. */
@Component
public class ProjectedStepLookup implements StepLookup {

    private final ContainmentStepProjection steps;

    public ProjectedStepLookup(ContainmentStepProjection steps) {
        this.steps = steps;
    }

    @Override
    public Optional<ContainmentStepView> find(IncidentId incidentId, String stepId) {
        return steps.steps(incidentId).stream().filter(step -> step.stepId().equals(stepId)).findFirst();
    }
}
