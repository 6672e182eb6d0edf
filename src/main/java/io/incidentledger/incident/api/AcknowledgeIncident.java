package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A responder takes notice of a reported incident. */
public record AcknowledgeIncident(@TargetAggregateIdentifier IncidentId incidentId) {
}
