package io.incidentledger.incident.api;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add an action item to the post-incident review. */
public record AddReviewActionItem(@TargetAggregateIdentifier IncidentId incidentId, String description, String owner,
                                  LocalDate dueDate) {
}
