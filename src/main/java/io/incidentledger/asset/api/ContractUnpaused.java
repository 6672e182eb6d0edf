package io.incidentledger.asset.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * A paused contract was made ACTIVE again, undoing containment, in step {@code stepId} of incident
 * {@code incidentId}.
 */
@Revision("1")
public record ContractUnpaused(ContractId contractId,
                               IncidentId incidentId,
                               String stepId,
                               String reason,
                               String externalReference) {
}
