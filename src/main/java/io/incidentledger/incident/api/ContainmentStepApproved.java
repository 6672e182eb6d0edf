package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** A commander approved the waiting containment step {@code stepId}. */
@Revision("1")
public record ContainmentStepApproved(IncidentId incidentId, String stepId, String approvedBy, String comment) {
}
