package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Isolate a node as containment step {@code stepId} of an incident; a retried step changes nothing. */
public record IsolateNode(@TargetAggregateIdentifier NodeId nodeId,
                          IncidentId incidentId,
                          String stepId,
                          String reason,
                          String externalReference) {
}
