package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** A commander approved the waiting containment step {@code stepId}. */
@Revision("1")
public record ContainmentStepApproved(IncidentId incidentId, String stepId, String approvedBy, String comment) {
}
