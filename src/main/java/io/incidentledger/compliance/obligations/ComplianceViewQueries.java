package io.incidentledger.compliance.obligations;

import java.time.Clock;

import io.incidentledger.compliance.api.ListComplianceRegister;
import io.incidentledger.compliance.api.ListObligations;
import io.incidentledger.compliance.api.ObligationPageView;
import io.incidentledger.compliance.api.RegisterPageView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers the register and obligation queries for other features (the console) with the very views the compliance
 * API serves; obligation statuses are judged when the query is answered.
 */
@Component
class ComplianceViewQueries {

    private final ComplianceViews views;
    private final Clock clock;

    ComplianceViewQueries(ComplianceViews views, Clock clock) {
        this.views = views;
        this.clock = clock;
    }

    @QueryHandler
    RegisterPageView handle(ListComplianceRegister query) {
        return views.register(new RegisterFilter(query.status(), query.severity(), query.category(), query.from(),
                query.to()), query.page(), query.size());
    }

    @QueryHandler
    ObligationPageView handle(ListObligations query) {
        return views.obligations(new ObligationFilter(query.regime(), query.status(), query.from(), query.to()),
                clock.instant(), query.page(), query.size());
    }
}
