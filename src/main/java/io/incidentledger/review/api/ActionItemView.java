package io.incidentledger.review.api;

import java.time.Instant;
import java.time.LocalDate;

/** A post-incident review action item and where it stands; the review's own items have no owner or due date. */
public record ActionItemView(String itemId, String description, String owner, LocalDate dueDate,
                             ActionItemStatus status, String evidence, Instant closedAt, String closedBy) {
}
