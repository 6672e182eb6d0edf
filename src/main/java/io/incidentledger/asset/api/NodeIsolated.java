package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * A node was isolated from the network as containment step {@code stepId} of incident {@code incidentId}.
 */
@Revision("1")
public record NodeIsolated(NodeId nodeId,
                           IncidentId incidentId,
                           String stepId,
                           String reason,
                           String externalReference) {
}
