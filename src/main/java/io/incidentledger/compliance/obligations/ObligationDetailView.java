package io.incidentledger.compliance.obligations;

import java.time.Instant;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;

/**
 * A reporting stage of one incident with its explanation: how the due instant was derived and the status judged.
 *
 * @param metWithinGrace submitted after {@code dueAt} but within the grace period, which counts as on time
 */
public record ObligationDetailView(Regime regime, Stage stage, Anchor anchor, Instant anchoredAt, Instant dueAt,
                                   Instant graceUntil, Instant lastOnTimeAt, Instant submittedAt,
                                   ObligationStatus status, boolean metWithinGrace, String explanation) {
}
