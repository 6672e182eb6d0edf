package io.incidentledger.compliance.api;

import java.time.Instant;

/**
 * One reporting stage of an incident: when it is due, how that was derived, and where it stands.
 *
 * @param anchor      the fact the clock runs from, e.g. {@code AWARENESS}
 * @param status      the judged status, e.g. {@code OPEN}, {@code DUE_SOON}, {@code OVERDUE}, {@code MET}
 * @param explanation how the due instant was derived, in words
 */
public record ReportingDeadlineView(Regime regime, Stage stage, String anchor, Instant anchoredAt, Instant dueAt,
                                    Instant graceUntil, Instant submittedAt, String status, boolean metWithinGrace,
                                    String explanation) {
}
