package io.incidentledger.review.api;

import java.time.Instant;
import java.util.List;

/**
 * The post-incident review.
 *
 * @param actionItems the action items' descriptions, as the review listed them and as added since
 * @param items       every action item with its owner, due date, status and closing evidence
 */
public record ReviewView(String rootCause, String lessonsLearned, List<String> actionItems, Instant recordedAt,
                         String recordedBy, List<ActionItemView> items, List<String> contributingFactors,
                         List<ProcedureChangeView> procedureChanges) {
}
