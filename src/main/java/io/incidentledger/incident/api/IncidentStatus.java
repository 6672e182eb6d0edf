package io.incidentledger.incident.api;

/**
 * Lifecycle phases as response teams say them (NIST SP 800-61), plus {@link #DISMISSED} for false positives.
 */
public enum IncidentStatus {
    REPORTED, ACKNOWLEDGED, TRIAGED, CONTAINED, ERADICATED, RECOVERED, RESOLVED, CLOSED, DISMISSED;

    /** Open incidents still accept notes, evidence, assignments, containment and severity changes. */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED && this != DISMISSED;
    }
}
