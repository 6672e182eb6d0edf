package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pause a contract as containment step {@code stepId} of an incident; a retried step changes nothing. */
public record PauseContract(@TargetAggregateIdentifier ContractId contractId,
                            IncidentId incidentId,
                            String stepId,
                            String reason,
                            String externalReference) {
}
