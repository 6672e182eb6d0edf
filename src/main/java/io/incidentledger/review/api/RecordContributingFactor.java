package io.incidentledger.review.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a contributing factor the review found. */
public record RecordContributingFactor(@TargetAggregateIdentifier IncidentId incidentId, String factor) {
}
