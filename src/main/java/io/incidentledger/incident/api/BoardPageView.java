package io.incidentledger.incident.api;

import java.util.List;
import java.util.Map;

/**
 * A page of the incident board.
 *
 * @param items            the incidents of the page
 * @param totalItems       how many incidents match the filters
 * @param countsByStatus   of those, how many are in each status (statuses with none are left out)
 * @param countsBySeverity of those, how many have each severity (severities with none are left out)
 */
public record BoardPageView(List<BoardItemView> items, int page, int size, long totalItems, int totalPages,
                            Map<IncidentStatus, Long> countsByStatus, Map<Severity, Long> countsBySeverity) {
}
