package io.incidentledger.incident.api;

/** How the organisation learnt of the incident. */
public enum IncidentSource {
    MANUAL, DETECTION
}
