package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** A commander refused the waiting containment step {@code stepId}; it will not run. */
@Revision("1")
public record ContainmentStepRefused(IncidentId incidentId, String stepId, String refusedBy, String reason) {
}
