package io.incidentledger.compliance.api;

import java.time.Instant;
import java.util.List;

/** A page of obligations across incidents, earliest due first, judged at {@code evaluatedAt}. */
public record ObligationPageView(List<ObligationView> items, int page, int size, long totalItems, int totalPages,
                                 Instant evaluatedAt) {
}
