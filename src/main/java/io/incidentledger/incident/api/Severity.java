package io.incidentledger.incident.api;

/** How bad an incident is; the order of the constants is the order of escalation. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public boolean isAbove(Severity other) {
        return compareTo(other) > 0;
    }

    /** HIGH and CRITICAL incidents need a post-incident review before they close. */
    public boolean requiresReview() {
        return this == HIGH || this == CRITICAL;
    }
}
