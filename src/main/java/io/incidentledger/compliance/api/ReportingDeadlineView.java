package io.incidentledger.compliance.api;

import java.time.Instant;

/**
 * One reporting stage of an incident: when it is due, how that was derived, and where it stands.
 *
 * @param anchor      the fact the clock runs from, e.g. {@code AWARENESS}
 * @param status      the judged status, {@code NOT_STARTED}, {@code PENDING}, {@code DUE_SOON}, {@code MET}, {@code LATE} or
 *                    {@code MISSED}
 * @param explanation how the due instant was derived, in words
 */
public record ReportingDeadlineView(Regime regime, Stage stage, String anchor, Instant anchoredAt, Instant dueAt,
                                    Instant graceUntil, Instant submittedAt, String status, boolean metWithinGrace,
                                    String explanation) {
}
