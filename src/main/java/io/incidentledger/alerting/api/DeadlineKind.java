package io.incidentledger.alerting.api;

/** What a deadline on an incident is for. */
public enum DeadlineKind {
    /** Someone must acknowledge the incident within its severity's limit. */
    ACKNOWLEDGEMENT,
    /** A commander must approve or refuse a waiting containment step. */
    APPROVAL,
    /** A report is due to an authority (the subject names the reporting stage); these outlive the incident's closure. */
    REGULATORY_REPORT
}
