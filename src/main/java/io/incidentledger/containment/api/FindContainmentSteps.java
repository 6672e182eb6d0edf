package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;

/**
 * Ask for an incident's containment steps and where each stands, in the order they were requested; answered with a
 * list of {@code ContainmentStepView}, empty for an incident without steps.
 */
public record FindContainmentSteps(IncidentId incidentId) {
}
