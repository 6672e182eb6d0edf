package io.incidentledger.incident.api;

/**
 * Ask how far the incident register has got with an incident: the sequence number of the last event it applied, or
 * nothing while it has not applied the report. The console waits on it to show a change it was told of.
 */
public record FindIncidentVersion(IncidentId incidentId) {
}
