package io.incidentledger.containment.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** A commander asked for the failed containment step {@code stepId} to be tried again. */
@Revision("1")
public record ContainmentStepRetryRequested(IncidentId incidentId, String stepId, String requestedBy) {
}
