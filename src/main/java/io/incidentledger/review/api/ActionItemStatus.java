package io.incidentledger.review.api;

/** Where a post-incident review action item stands; action items stay open after the incident closes. */
public enum ActionItemStatus {
    OPEN, IN_PROGRESS, DONE
}
