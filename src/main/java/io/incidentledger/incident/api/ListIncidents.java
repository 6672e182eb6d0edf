package io.incidentledger.incident.api;

/**
 * Ask for a page of the incident register, newest report first. Null filters match everything.
 *
 * @param page zero-based page number
 */
public record ListIncidents(IncidentStatus status, Severity severity, Category category, int page, int size) {
}
