package io.incidentledger.compliance.api;

/**
 * Where a stage stands at the instant the obligations are computed for. The rules, with the instant each one
 * compares against, are in {@link ClockCalculator}.
 */
public enum ObligationStatus {
    /** The fact the clock runs from is not recorded yet (e.g. a DORA intermediate report before the initial one). */
    NOT_STARTED,
    /** Not submitted, and the due instant is further away than the due-soon window. */
    PENDING,
    /** Not submitted, the due instant is within the due-soon window, or passed while a grace period still runs. */
    DUE_SOON,
    /** Submitted on time: at or before the grace instant when a rule grants one, else at or before the due instant. */
    MET,
    /** Submitted, but after the last on-time instant. */
    LATE,
    /** Not submitted, and the last on-time instant has passed. */
    MISSED
}
