package io.incidentledger.review.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a review action item with the evidence that it was done. */
public record CloseReviewActionItem(@TargetAggregateIdentifier IncidentId incidentId, String itemId, String evidence) {
}
