package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** A commander asked for the failed containment step {@code stepId} to be tried again. */
@Revision("1")
public record ContainmentStepRetryRequested(IncidentId incidentId, String stepId, String requestedBy) {
}
