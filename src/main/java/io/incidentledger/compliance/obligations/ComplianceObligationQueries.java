package io.incidentledger.compliance.obligations;

import java.time.Clock;
import java.util.Optional;

import io.incidentledger.compliance.api.FindIncidentObligations;
import io.incidentledger.compliance.api.IncidentObligationsSummaryView;
import io.incidentledger.compliance.api.ReportingDeadlineView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers other features' questions about an incident's reporting obligations, judged now. Reads only. */
@Component
class ComplianceObligationQueries {

    private final ComplianceViews views;
    private final Clock clock;

    ComplianceObligationQueries(ComplianceViews views, Clock clock) {
        this.views = views;
        this.clock = clock;
    }

    @QueryHandler
    Optional<IncidentObligationsSummaryView> handle(FindIncidentObligations query) {
        return views.incident(query.incidentId().value(), clock.instant()).map(view ->
                new IncidentObligationsSummaryView(view.incidentId(), view.awareAt(), view.regimes(),
                        view.regimesAssessed(), view.evaluatedAt(),
                        view.obligations().stream().map(obligation -> new ReportingDeadlineView(obligation.regime(),
                                obligation.stage(), obligation.anchor(), obligation.anchoredAt(),
                                obligation.dueAt(), obligation.graceUntil(), obligation.submittedAt(),
                                obligation.status(), obligation.metWithinGrace(), obligation.explanation()))
                                .toList(),
                        view.submissions()));
    }
}
