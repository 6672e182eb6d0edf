package io.incidentledger.incident.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a contributing factor the review found. */
public record RecordContributingFactor(@TargetAggregateIdentifier IncidentId incidentId, String factor) {
}
