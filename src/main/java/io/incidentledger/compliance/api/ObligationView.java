package io.incidentledger.compliance.api;

import java.time.Instant;


/**
 * One reporting stage of one incident, judged at the time of the request.
 *
 * @param dueAt        the earliest defensible deadline; {@code null} while {@code NOT_STARTED}
 * @param graceUntil   the later instant a rule still accepts the report by, or {@code null}
 * @param lastOnTimeAt {@code graceUntil} when there is one, else {@code dueAt}
 * @param submittedAt  the earliest submission for the stage, the one judged
 */
public record ObligationView(String incidentId, Regime regime, Stage stage, Anchor anchor, Instant anchoredAt,
                             Instant dueAt, Instant graceUntil, Instant lastOnTimeAt, Instant submittedAt,
                             ObligationStatus status) {
}
