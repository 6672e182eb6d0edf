package io.incidentledger.compliance.api;

import java.time.Instant;
import java.util.List;

/**
 * Unsubmitted obligations due soon or missed, judged at {@code judgedAt}: the most urgent {@code items}, and how many
 * there are in all.
 */
public record ObligationsDueView(List<ObligationDueView> items, long totalItems, Instant judgedAt) {
}
