package io.incidentledger.containment.saga;

import java.util.Optional;

import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.incident.api.IncidentId;

/**
 * Finds a step the incident recorded before the saga now handling it began: a step approved or retried after the
 * saga that requested it had ended (an incident reopened after its dismissal).
 */
public interface StepLookup {

    Optional<ContainmentStepView> find(IncidentId incidentId, String stepId);
}
