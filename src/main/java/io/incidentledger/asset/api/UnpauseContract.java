package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Unpause a paused contract, undoing containment; a retried step changes nothing. */
public record UnpauseContract(@TargetAggregateIdentifier ContractId contractId,
                              IncidentId incidentId,
                              String stepId,
                              String reason,
                              String externalReference) {
}
