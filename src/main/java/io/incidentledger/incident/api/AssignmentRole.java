package io.incidentledger.incident.api;

/** Roles people take on an incident. An incident has one commander and one scribe, and any number of responders. */
public enum AssignmentRole {
    COMMANDER, RESPONDER, SCRIBE;

    public boolean isSingleSeat() {
        return this != RESPONDER;
    }
}
