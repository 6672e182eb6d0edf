package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;

/**
 * One unsubmitted reporting stage of an incident that is due soon or missed.
 *
 * @param dueAt        the earliest defensible deadline
 * @param lastOnTimeAt the grace instant a rule still accepts the report by when there is one, else {@code dueAt}
 * @param missed       whether {@code lastOnTimeAt} had passed when it was judged
 */
public record ObligationDueView(IncidentId incidentId, Regime regime, Stage stage, Instant dueAt,
                                Instant lastOnTimeAt, boolean missed) {
}
