package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * A contract was paused as containment step {@code stepId} of incident {@code incidentId}.
 */
@Revision("1")
public record ContractPaused(ContractId contractId,
                             IncidentId incidentId,
                             String stepId,
                             String reason,
                             String externalReference) {
}
