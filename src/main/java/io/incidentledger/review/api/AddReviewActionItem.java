package io.incidentledger.review.api;

import java.time.LocalDate;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add an action item to the post-incident review. */
public record AddReviewActionItem(@TargetAggregateIdentifier IncidentId incidentId, String description, String owner,
                                  LocalDate dueDate) {
}
