package io.incidentledger.compliance.access.api;

import java.util.List;

/** One page of recorded reads. */
public record AccessLogPage(List<AccessLogEntry> items, int page, int size, long totalItems) {
}
