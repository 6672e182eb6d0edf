package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * An isolated node was brought back ONLINE, undoing containment, in step {@code stepId} of incident
 * {@code incidentId}.
 */
@Revision("1")
public record NodeRestored(NodeId nodeId,
                           IncidentId incidentId,
                           String stepId,
                           String reason,
                           String externalReference) {
}
