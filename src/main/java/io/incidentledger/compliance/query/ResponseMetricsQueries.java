package io.incidentledger.compliance.query;

import static io.incidentledger.common.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.compliance.query.ResponseMetrics.Group;
import io.incidentledger.compliance.query.ResponseMetrics.IncidentTimes;
import io.incidentledger.compliance.query.ResponseMetrics.Period;
import io.incidentledger.compliance.query.ResponseMetrics.SeverityBasis;
import io.incidentledger.incident.api.Severity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Response metrics over the incidents detected in a window, from the {@code compliance-metrics} projection's table.
 * Incidents dismissed as false positives are left out: they were never incidents to respond to.
 */
@Component
public class ResponseMetricsQueries {

    private final JdbcTemplate jdbc;

    public ResponseMetricsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param from incidents detected at or after this instant, or null for no lower bound
     * @param to   incidents detected before this instant, or null for no upper bound
     */
    public List<Group> metrics(Instant from, Instant to, Period period, SeverityBasis basis) {
        List<String> conditions = new ArrayList<>(List.of("dismissed = FALSE"));
        List<Object> arguments = new ArrayList<>();
        if (from != null) {
            conditions.add("detected_at >= ?");
            arguments.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            conditions.add("detected_at < ?");
            arguments.add(to.atOffset(ZoneOffset.UTC));
        }
        List<IncidentTimes> incidents = jdbc.query("SELECT * FROM compliance_incident_metrics WHERE "
                        + String.join(" AND ", conditions) + " ORDER BY detected_at, incident_id",
                (row, index) -> times(row), arguments.toArray());
        return ResponseMetrics.compute(incidents, period, basis);
    }

    private static IncidentTimes times(ResultSet row) throws SQLException {
        return new IncidentTimes(row.getString("incident_id"), Severity.valueOf(row.getString("severity")),
                Severity.valueOf(row.getString("highest_severity")), instant(row, "occurred_at"),
                instant(row, "detected_at"), instant(row, "reported_at"), instant(row, "acknowledged_at"),
                instant(row, "contained_at"), instant(row, "resolved_at"));
    }
}
