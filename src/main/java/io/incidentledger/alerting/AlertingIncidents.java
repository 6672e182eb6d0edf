package io.incidentledger.alerting;

import java.util.Optional;

import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The notifications processor's own facts about incidents and their containment steps ({@code alerting_incident},
 * {@code alerting_containment_step}), so that it never reads another feature's views.
 */
public class AlertingIncidents {

    private final JdbcTemplate jdbc;

    public AlertingIncidents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Title, current severity and category of an incident. */
    public record Facts(IncidentId incidentId, String title, Severity severity, Category category) {
    }

    /** What a containment step does. */
    public record Step(String stepId, ContainmentStepAction action, AffectedAsset target, String playbook) {
    }

    void reported(IncidentId incidentId, String title, Severity severity, Category category) {
        int updated = jdbc.update("UPDATE alerting_incident SET title = ?, severity = ?, category = ? "
                + "WHERE incident_id = ?", title, severity.name(), category.name(), incidentId.value());
        if (updated == 0) {
            jdbc.update("INSERT INTO alerting_incident (incident_id, title, severity, category) VALUES (?, ?, ?, ?)",
                    incidentId.value(), title, severity.name(), category.name());
        }
    }

    void classified(IncidentId incidentId, Severity severity, Category category) {
        jdbc.update("UPDATE alerting_incident SET severity = ?, category = ? WHERE incident_id = ?",
                severity.name(), category.name(), incidentId.value());
    }

    void severityChanged(IncidentId incidentId, Severity severity) {
        jdbc.update("UPDATE alerting_incident SET severity = ? WHERE incident_id = ?", severity.name(),
                incidentId.value());
    }

    void stepRequested(IncidentId incidentId, Step step) {
        AffectedAsset target = step.target();
        jdbc.update("DELETE FROM alerting_containment_step WHERE incident_id = ? AND step_id = ?",
                incidentId.value(), step.stepId());
        jdbc.update("""
                        INSERT INTO alerting_containment_step (incident_id, step_id, action, target_type,
                            target_identifier, target_chain, playbook)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                incidentId.value(), step.stepId(), step.action().name(),
                target == null ? null : target.type().name(), target == null ? null : target.identifier(),
                target == null ? null : target.chain(), step.playbook());
    }

    public Optional<Facts> facts(IncidentId incidentId) {
        return jdbc.query("SELECT title, severity, category FROM alerting_incident WHERE incident_id = ?",
                (row, index) -> new Facts(incidentId, row.getString("title"), Severity.valueOf(row.getString(
                        "severity")), Category.valueOf(row.getString("category"))),
                incidentId.value()).stream().findFirst();
    }

    public boolean exists(IncidentId incidentId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM alerting_incident WHERE incident_id = ?",
                Integer.class, incidentId.value());
        return count != null && count > 0;
    }

    Optional<Step> step(IncidentId incidentId, String stepId) {
        return jdbc.query("""
                        SELECT action, target_type, target_identifier, target_chain, playbook
                        FROM alerting_containment_step WHERE incident_id = ? AND step_id = ?""",
                (row, index) -> {
                    String targetType = row.getString("target_type");
                    AffectedAsset target = targetType == null ? null : new AffectedAsset(
                            AssetType.valueOf(targetType), row.getString("target_identifier"),
                            row.getString("target_chain"));
                    return new Step(stepId, ContainmentStepAction.valueOf(row.getString("action")), target,
                            row.getString("playbook"));
                },
                incidentId.value(), stepId).stream().findFirst();
    }

    /** Empties the facts before a replay rebuilds them; the outbox stays, it is the deliveries' history. */
    void clear() {
        jdbc.update("DELETE FROM alerting_containment_step");
        jdbc.update("DELETE FROM alerting_incident");
    }
}
