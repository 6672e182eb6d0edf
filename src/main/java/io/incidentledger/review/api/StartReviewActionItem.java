package io.incidentledger.review.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark work on a review action item as started. */
public record StartReviewActionItem(@TargetAggregateIdentifier IncidentId incidentId, String itemId) {
}
