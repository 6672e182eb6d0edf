package io.incidentledger.containment.query;

import static io.incidentledger.common.SqlTimes.instant;
import static io.incidentledger.common.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepAttemptFailed;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRefused;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.containment.api.ContainmentStepRetryRequested;
import io.incidentledger.containment.api.ContainmentStepStatus;
import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.containment.api.IncidentContainmentStepView;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each incident's containment steps and where they stand, built only from the incident's events and their
 * timestamps; a reset empties the table and a replay rebuilds it.
 */
@Component
@ProcessingGroup(ContainmentStepProjection.PROCESSING_GROUP)
public class ContainmentStepProjection {

    public static final String PROCESSING_GROUP = "containment-steps";

    private final JdbcTemplate jdbc;

    public ContainmentStepProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ContainmentStepRequested event, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        AffectedAsset target = event.target();
        jdbc.update("""
                        INSERT INTO containment_step (incident_id, step_id, playbook, action, target_type,
                            target_identifier, target_chain, approval_required, status, reason, requested_at,
                            requested_by, attempts)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""",
                event.incidentId().value(), event.stepId(), event.playbook(), event.action().name(),
                target == null ? null : target.type().name(), target == null ? null : target.identifier(),
                target == null ? null : target.chain(), event.approvalRequired(),
                (event.approvalRequired() ? ContainmentStepStatus.AWAITING_APPROVAL : ContainmentStepStatus.READY)
                        .name(), event.reason(), utc(recordedAt), actor);
    }

    @EventHandler
    void on(ContainmentStepApproved event, @Timestamp Instant recordedAt) {
        update(event.incidentId(), event.stepId(), "status = ?, decided_by = ?, decided_at = ?, decision_note = ?",
                ContainmentStepStatus.READY.name(), event.approvedBy(), utc(recordedAt), event.comment());
    }

    @EventHandler
    void on(ContainmentStepRefused event, @Timestamp Instant recordedAt) {
        update(event.incidentId(), event.stepId(), "status = ?, decided_by = ?, decided_at = ?, decision_note = ?",
                ContainmentStepStatus.REFUSED.name(), event.refusedBy(), utc(recordedAt), event.reason());
    }

    @EventHandler
    void on(ContainmentStepAttemptFailed event) {
        update(event.incidentId(), event.stepId(), "attempts = ?, last_error = ?, next_attempt_at = ?",
                event.attempt(), event.reason(), utc(event.nextAttemptAt()));
    }

    @EventHandler
    void on(ContainmentStepFailed event) {
        update(event.incidentId(), event.stepId(), "status = ?, attempts = ?, last_error = ?, next_attempt_at = NULL",
                ContainmentStepStatus.FAILED.name(), event.attempts(), event.reason());
    }

    @EventHandler
    void on(ContainmentStepRetryRequested event, @Timestamp Instant recordedAt) {
        update(event.incidentId(), event.stepId(), "status = ?, decided_by = ?, decided_at = ?, decision_note = ?",
                ContainmentStepStatus.READY.name(), event.requestedBy(), utc(recordedAt), "retry requested");
    }

    @EventHandler
    void on(ContainmentStepExecuted event) {
        update(event.incidentId(), event.stepId(), "status = ?, attempts = ?, last_error = NULL, "
                        + "next_attempt_at = NULL, adapter = ?, external_reference = ?, executed_at = ?",
                ContainmentStepStatus.EXECUTED.name(), event.attempt(), event.adapter(), event.externalReference(),
                utc(event.executedAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM containment_step");
    }

    /** The incident's steps in the order they were requested. */
    public List<ContainmentStepView> steps(IncidentId incidentId) {
        return jdbc.query("SELECT * FROM containment_step WHERE incident_id = ? ORDER BY requested_at, step_id",
                (row, n) -> view(row), incidentId.value());
    }

    /** The steps of every incident that stand at {@code status}, newest request first, at most {@code limit}. */
    public List<IncidentContainmentStepView> inStatus(ContainmentStepStatus status, int limit) {
        return jdbc.query("SELECT * FROM containment_step WHERE status = ? "
                        + "ORDER BY requested_at DESC, incident_id, step_id LIMIT ?",
                (row, n) -> new IncidentContainmentStepView(new IncidentId(row.getString("incident_id")), view(row)),
                status.name(), limit);
    }

    /** How many steps of all incidents stand at {@code status}. */
    public long countInStatus(ContainmentStepStatus status) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM containment_step WHERE status = ?", Long.class,
                status.name());
        return count == null ? 0 : count;
    }

    private void update(IncidentId incidentId, String stepId, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 2];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = incidentId.value();
        arguments[values.length + 1] = stepId;
        jdbc.update("UPDATE containment_step SET " + assignments + " WHERE incident_id = ? AND step_id = ?",
                arguments);
    }

    private static ContainmentStepView view(ResultSet row) throws SQLException {
        String targetType = row.getString("target_type");
        AffectedAsset target = targetType == null ? null : new AffectedAsset(AssetType.valueOf(targetType),
                row.getString("target_identifier"), row.getString("target_chain"));
        return new ContainmentStepView(row.getString("step_id"), row.getString("playbook"),
                ContainmentStepAction.valueOf(row.getString("action")), target, row.getBoolean("approval_required"),
                ContainmentStepStatus.valueOf(row.getString("status")), row.getString("reason"),
                instant(row, "requested_at"), row.getString("requested_by"), row.getString("decided_by"),
                instant(row, "decided_at"), row.getString("decision_note"), row.getInt("attempts"),
                row.getString("last_error"), instant(row, "next_attempt_at"), row.getString("adapter"),
                row.getString("external_reference"), instant(row, "executed_at"));
    }
}
