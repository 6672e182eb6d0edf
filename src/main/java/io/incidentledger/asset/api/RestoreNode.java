package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bring an isolated node back online, undoing containment; a retried step changes nothing. */
public record RestoreNode(@TargetAggregateIdentifier NodeId nodeId,
                          IncidentId incidentId,
                          String stepId,
                          String reason,
                          String externalReference) {
}
