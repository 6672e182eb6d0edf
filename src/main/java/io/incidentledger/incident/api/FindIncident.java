package io.incidentledger.incident.api;

/** Ask for one incident's current view, with its timeline. */
public record FindIncident(IncidentId incidentId) {
}
