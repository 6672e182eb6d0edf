package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** A commander refused the waiting containment step {@code stepId}; it will not run. */
@Revision("1")
public record ContainmentStepRefused(IncidentId incidentId, String stepId, String refusedBy, String reason) {
}
