package io.incidentledger.incident.api;

import java.util.Set;

/**
 * Ask for a page of the incident board: incidents that match every filter given, in the order asked for, with the
 * counts by status and severity of all that match. An empty set or a null filter matches everything.
 *
 * @param statuses   any of these statuses
 * @param openOnly   only incidents not yet resolved, closed or dismissed
 * @param assignee   only incidents with this person in any seat (commander, responder, scribe)
 * @param severities any of these severities
 * @param category   only this category
 * @param text       words that must all appear in the title or the description, case-insensitive
 * @param asset      an asset or address the incident names: an affected asset, or an address or transaction of one
 *                   of its detections; case-insensitive, whole identifier
 * @param sort       the order
 * @param page       zero-based page number
 * @param size       incidents per page
 */
public record SearchIncidents(Set<IncidentStatus> statuses, boolean openOnly, String assignee,
                              Set<Severity> severities, Category category, String text, String asset,
                              BoardSort sort, int page, int size) {

    public SearchIncidents {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        sort = sort == null ? BoardSort.NEWEST : sort;
    }

    /** The board's orders; each breaks ties by the incident id, so that pages never overlap. */
    public enum BoardSort {
        /** Newest report first. */
        NEWEST,
        /** Oldest report first: what has waited longest. */
        OLDEST,
        /** Most severe first, then newest. */
        SEVERITY,
        /** Most recently changed first. */
        UPDATED,
        /** By status along the lifecycle, then newest. */
        STATUS
    }
}
