package io.incidentledger.compliance.query;

import static io.incidentledger.common.SqlTimes.instant;
import static io.incidentledger.common.SqlTimes.utc;

import java.time.Clock;
import java.time.Instant;

import io.incidentledger.compliance.api.ListObligationsDue;
import io.incidentledger.compliance.api.ObligationDueView;
import io.incidentledger.compliance.api.ObligationsDueView;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers which reporting obligations, of all incidents, are due soon or missed, from the stored obligations: a stage
 * not submitted whose due instant is within the asked window of now, or whose last on-time instant has passed (the
 * calculator's rules, as the obligation list applies them).
 */
@Component
class ObligationsDueQueries {

    private static final int MAX_LIMIT = 500;
    private static final String DUE = " FROM compliance_obligation"
            + " WHERE submitted_at IS NULL AND due_at IS NOT NULL AND due_at <= ?";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ObligationsDueQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    ObligationsDueView handle(ListObligationsDue query) {
        Instant now = clock.instant();
        int limit = Math.max(0, Math.min(query.limit(), MAX_LIMIT));
        Object until = utc(now.plus(query.within()));
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + DUE, Long.class, until);
        return new ObligationsDueView(jdbc.query("SELECT *" + DUE
                        + " ORDER BY COALESCE(grace_until, due_at), due_at, incident_id, stage_order LIMIT ?",
                (row, n) -> {
                    Instant dueAt = instant(row, "due_at");
                    Instant graceUntil = instant(row, "grace_until");
                    Instant lastOnTime = graceUntil != null ? graceUntil : dueAt;
                    return new ObligationDueView(new IncidentId(row.getString("incident_id")),
                            Regime.valueOf(row.getString("regime")), Stage.valueOf(row.getString("stage")), dueAt,
                            lastOnTime, lastOnTime.isBefore(now));
                }, until, limit), total == null ? 0 : total, now);
    }
}
