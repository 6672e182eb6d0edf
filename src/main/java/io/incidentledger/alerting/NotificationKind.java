package io.incidentledger.alerting;

import java.util.Set;

import io.incidentledger.security.Roles;

/** What a notification is about, and which roles it reaches. The table is in {@code docs/alerting.md}. */
public enum NotificationKind {

    /** An incident was reported at or above {@code report-min-severity}. */
    INCIDENT_REPORTED("Incident reported", Roles.RESPONDER, Roles.COMMANDER),
    /** The incident's severity was raised. */
    INCIDENT_ESCALATED("Incident escalated", Roles.COMMANDER),
    /** A containment step waits for a commander's approval. */
    APPROVAL_WAITING("Containment step waits for approval", Roles.COMMANDER),
    /** A containment step was carried out. */
    CONTAINMENT_EXECUTED("Containment step executed", Roles.RESPONDER, Roles.COMMANDER),
    /** A containment step failed for good; it escalates to tier 1. */
    CONTAINMENT_FAILED("Containment step failed", Roles.RESPONDER, Roles.COMMANDER),
    /** A playbook's NOTIFY step asks to alert people. */
    PLAYBOOK_NOTICE("Playbook notice", Roles.RESPONDER, Roles.COMMANDER),
    /** A deadline falls due soon and nobody has acted. */
    DEADLINE_APPROACHING("Deadline approaching", Roles.RESPONDER, Roles.COMMANDER),
    /** A deadline passed with nobody acting; tiered recipients are reached from here on. */
    DEADLINE_MISSED("Deadline missed", Roles.RESPONDER, Roles.COMMANDER);

    private final String label;
    private final Set<String> roles;

    NotificationKind(String label, String... roles) {
        this.label = label;
        this.roles = Set.of(roles);
    }

    /** The words a person reads in a subject line. */
    public String label() {
        return label;
    }

    /** Whether the kind escalates: reaches tiered recipients up to the notification's tier. */
    public boolean escalates() {
        return this == DEADLINE_MISSED || this == CONTAINMENT_FAILED;
    }

    /** The recipients' roles this kind reaches. */
    public Set<String> roles() {
        return roles;
    }
}
