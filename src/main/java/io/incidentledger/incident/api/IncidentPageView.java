package io.incidentledger.incident.api;

import java.util.List;

/** A page of the incident register. */
public record IncidentPageView(List<IncidentSummaryView> items, int page, int size, long totalItems, int totalPages) {
}
