package io.incidentledger.compliance.api;

import java.time.Instant;

/**
 * One reporting stage of an incident: when it is due, how that was derived, and where it stands.
 *
 * @param anchor      the fact the clock runs from
 * @param status      the status judged now
 * @param explanation how the due instant was derived, in words
 */
public record ReportingDeadlineView(Regime regime, Stage stage, Anchor anchor, Instant anchoredAt, Instant dueAt,
                                    Instant graceUntil, Instant submittedAt, ObligationStatus status,
                                    boolean metWithinGrace, String explanation) {
}
