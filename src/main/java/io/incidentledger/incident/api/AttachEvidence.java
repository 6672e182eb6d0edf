package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Attach evidence by reference: the evidence itself stays where it is, its SHA-256 pins its content. */
public record AttachEvidence(@TargetAggregateIdentifier IncidentId incidentId,
                             String name,
                             String sha256,
                             String location,
                             String description) {
}
