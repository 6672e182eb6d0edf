package io.incidentledger.compliance.api;

import java.time.Instant;
import java.util.List;

/**
 * One incident's reporting obligations judged at {@code evaluatedAt}, and the reports submitted.
 *
 * @param awareAt         the awareness the clocks run from: the latest recorded, else the detection time
 * @param regimesAssessed whether someone assessed which regimes apply (else the configured ones do)
 */
public record IncidentObligationsSummaryView(String incidentId, Instant awareAt, List<Regime> regimes,
                                             boolean regimesAssessed, Instant evaluatedAt,
                                             List<ReportingDeadlineView> deadlines,
                                             List<SubmissionView> submissions) {
}
