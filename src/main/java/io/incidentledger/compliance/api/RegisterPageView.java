package io.incidentledger.compliance.api;

import java.util.List;

/** A page of the compliance register, most recently detected first. */
public record RegisterPageView(List<RegisterEntryView> items, int page, int size, long totalItems, int totalPages) {
}
