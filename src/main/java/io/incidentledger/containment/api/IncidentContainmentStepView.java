package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;

/** A containment step and the incident it belongs to. */
public record IncidentContainmentStepView(IncidentId incidentId, ContainmentStepView step) {
}
