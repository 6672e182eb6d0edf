package io.incidentledger.containment.api;

/** Where a containment step stands. */
public enum ContainmentStepStatus {
    AWAITING_APPROVAL, READY, EXECUTED, REFUSED, FAILED;

    /** Nothing more happens to the step unless a commander asks (a failed step can be retried). */
    public boolean isSettled() {
        return this == EXECUTED || this == REFUSED || this == FAILED;
    }
}
