package io.incidentledger.compliance.obligations;

import java.time.Instant;
import java.util.List;

import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.SubmissionView;

/**
 * One incident's reporting obligations judged at {@code evaluatedAt}, with how each deadline was derived, and the
 * reports submitted.
 *
 * @param awareAt the awareness the clocks run from: the latest recorded, else the detection time
 */
public record IncidentObligationsView(String incidentId, Instant awareAt, List<Regime> regimes,
                                      boolean regimesAssessed, Instant evaluatedAt,
                                      List<ObligationDetailView> obligations, List<SubmissionView> submissions) {
}
