package io.incidentledger.compliance.query;

import static io.incidentledger.common.SqlTimes.utc;

import java.time.Instant;
import java.util.List;

import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentContained;
import io.incidentledger.incident.api.IncidentDeescalated;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReopened;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentResolved;
import io.incidentledger.incident.api.IncidentTriaged;
import io.incidentledger.incident.api.Severity;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The instants each incident's response metrics are computed from, taken only from the incident's events: when it
 * occurred and was detected (facts on the report), when it was reported and acknowledged (event timestamps), when
 * it was first contained, when its standing resolution took effect, its current and highest severity, and whether
 * it is dismissed as a false positive. A reset empties the table and a replay rebuilds it exactly.
 *
 * <p>A reopened incident keeps its first containment (the damage was stopped then) but loses its resolution,
 * which no longer stands; the next resolution counts. A dismissed incident stays in the table, marked, until it
 * is reopened.
 */
@Component
@ProcessingGroup(ResponseMetricsProjection.PROCESSING_GROUP)
public class ResponseMetricsProjection {

    public static final String PROCESSING_GROUP = "compliance-metrics";

    private final JdbcTemplate jdbc;

    public ResponseMetricsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IncidentReported event, @Timestamp Instant reportedAt) {
        jdbc.update("""
                        INSERT INTO compliance_incident_metrics (incident_id, severity, highest_severity, occurred_at,
                            detected_at, reported_at, dismissed)
                        VALUES (?, ?, ?, ?, ?, ?, FALSE)""",
                event.incidentId().value(), event.severity().name(), event.severity().name(),
                utc(event.occurredAt()), utc(event.detectedAt()), utc(reportedAt));
    }

    @EventHandler
    void on(IncidentAcknowledged event, @Timestamp Instant acknowledgedAt) {
        jdbc.update("UPDATE compliance_incident_metrics SET acknowledged_at = COALESCE(acknowledged_at, ?) "
                + "WHERE incident_id = ?", utc(acknowledgedAt), event.incidentId().value());
    }

    @EventHandler
    void on(IncidentTriaged event) {
        severity(event.incidentId(), event.severity());
    }

    @EventHandler
    void on(IncidentEscalated event) {
        severity(event.incidentId(), event.to());
    }

    @EventHandler
    void on(IncidentDeescalated event) {
        severity(event.incidentId(), event.to());
    }

    @EventHandler
    void on(IncidentContained event) {
        jdbc.update("UPDATE compliance_incident_metrics SET contained_at = COALESCE(contained_at, ?) "
                + "WHERE incident_id = ?", utc(event.containedAt()), event.incidentId().value());
    }

    @EventHandler
    void on(IncidentResolved event) {
        jdbc.update("UPDATE compliance_incident_metrics SET resolved_at = ? WHERE incident_id = ?",
                utc(event.resolvedAt()), event.incidentId().value());
    }

    @EventHandler
    void on(IncidentDismissed event) {
        jdbc.update("UPDATE compliance_incident_metrics SET dismissed = TRUE WHERE incident_id = ?",
                event.incidentId().value());
    }

    @EventHandler
    void on(IncidentReopened event) {
        jdbc.update("UPDATE compliance_incident_metrics SET resolved_at = NULL, dismissed = FALSE "
                + "WHERE incident_id = ?", event.incidentId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM compliance_incident_metrics");
    }

    /** The current severity, and the highest so far: severities do not sort by name, so the row is read first. */
    private void severity(IncidentId incidentId, Severity severity) {
        List<String> highest = jdbc.queryForList(
                "SELECT highest_severity FROM compliance_incident_metrics WHERE incident_id = ?", String.class,
                incidentId.value());
        if (highest.isEmpty()) {
            return;
        }
        Severity before = Severity.valueOf(highest.get(0));
        jdbc.update("UPDATE compliance_incident_metrics SET severity = ?, highest_severity = ? WHERE incident_id = ?",
                severity.name(), (severity.isAbove(before) ? severity : before).name(), incidentId.value());
    }
}
