package io.incidentledger.compliance.api;

import java.time.Duration;

/**
 * Ask for the reporting obligations of every incident that are not submitted and are due within {@code within} of
 * the time of asking or already missed, the earliest deadline first, at most {@code limit} of them; answered with an
 * {@code ObligationsDueView} that also counts them all.
 */
public record ListObligationsDue(Duration within, int limit) {
}
