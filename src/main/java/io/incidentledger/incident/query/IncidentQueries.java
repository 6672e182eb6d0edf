package io.incidentledger.incident.query;

import static io.incidentledger.common.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.incidentledger.containment.api.ContainmentActionType;
import io.incidentledger.containment.api.ContainmentActionView;
import io.incidentledger.detection.api.DetectionLabel;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.api.DetectionView;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.AssigneeView;
import io.incidentledger.incident.api.AssignmentRole;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.EvidenceView;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentPageView;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentSummaryView;
import io.incidentledger.incident.api.IncidentTimesView;
import io.incidentledger.incident.api.IncidentView;
import io.incidentledger.incident.api.ListIncidents;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.incident.api.TimelineEntryView;
import io.incidentledger.review.api.ActionItemStatus;
import io.incidentledger.review.api.ActionItemView;
import io.incidentledger.review.api.LessonsLearnedView;
import io.incidentledger.review.api.ProcedureChangeView;
import io.incidentledger.review.api.ReviewView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** Answers incident queries from the register and timeline tables. */
@Component
public class IncidentQueries {

    private final JdbcTemplate jdbc;

    public IncidentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<IncidentView> handle(FindIncident query) {
        String id = query.incidentId().value();
        List<IncidentView> found = jdbc.query("SELECT * FROM incident_register WHERE incident_id = ?",
                (row, index) -> incident(row, id), id);
        return found.stream().findFirst();
    }

    @QueryHandler
    IncidentPageView handle(ListIncidents query) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        if (query.status() != null) {
            conditions.add("status = ?");
            arguments.add(query.status().name());
        }
        if (query.severity() != null) {
            conditions.add("severity = ?");
            arguments.add(query.severity().name());
        }
        if (query.category() != null) {
            conditions.add("category = ?");
            arguments.add(query.category().name());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM incident_register" + where, Long.class,
                arguments.toArray());
        long totalItems = total == null ? 0 : total;
        List<Object> pageArguments = new ArrayList<>(arguments);
        pageArguments.add(query.size());
        pageArguments.add((long) query.page() * query.size());
        List<IncidentSummaryView> items = jdbc.query("SELECT * FROM incident_register" + where
                        + " ORDER BY reported_at DESC, incident_id LIMIT ? OFFSET ?",
                (row, index) -> summary(row), pageArguments.toArray());
        int totalPages = (int) ((totalItems + query.size() - 1) / query.size());
        return new IncidentPageView(items, query.page(), query.size(), totalItems, totalPages);
    }

    private IncidentView incident(ResultSet row, String id) throws SQLException {
        IncidentTimesView times = new IncidentTimesView(instant(row, "occurred_at"), instant(row, "detected_at"),
                instant(row, "classified_at"), instant(row, "contained_at"), instant(row, "eradicated_at"),
                instant(row, "recovered_at"), instant(row, "resolved_at"), instant(row, "closed_at"));
        return new IncidentView(new IncidentId(id), row.getString("title"), row.getString("description"),
                IncidentStatus.valueOf(row.getString("status")), Severity.valueOf(row.getString("severity")),
                Category.valueOf(row.getString("category")), IncidentSource.valueOf(row.getString("source")), times,
                instant(row, "reported_at"), row.getString("reported_by"), instant(row, "updated_at"),
                row.getLong("version"), row.getString("resolution_summary"), row.getString("dismissal_reason"),
                affectedAssets(id), assignees(id), evidence(id), containmentActions(id), detections(id),
                review(id).orElse(null), timeline(id));
    }

    /** One line of the register, from a row of {@code incident_register}. */
    static IncidentSummaryView summary(ResultSet row) throws SQLException {
        return new IncidentSummaryView(new IncidentId(row.getString("incident_id")), row.getString("title"),
                IncidentStatus.valueOf(row.getString("status")), Severity.valueOf(row.getString("severity")),
                Category.valueOf(row.getString("category")), IncidentSource.valueOf(row.getString("source")),
                instant(row, "detected_at"), instant(row, "reported_at"), instant(row, "updated_at"));
    }

    private List<AffectedAsset> affectedAssets(String id) {
        return jdbc.query("SELECT * FROM incident_affected_asset WHERE incident_id = ? ORDER BY position",
                (row, index) -> new AffectedAsset(AssetType.valueOf(row.getString("asset_type")),
                        row.getString("identifier"), row.getString("chain")), id);
    }

    private List<AssigneeView> assignees(String id) {
        return jdbc.query("SELECT * FROM incident_assignee WHERE incident_id = ? ORDER BY assigned_at, role, assignee",
                (row, index) -> new AssigneeView(AssignmentRole.valueOf(row.getString("role")),
                        row.getString("assignee"), instant(row, "assigned_at"), row.getString("assigned_by")), id);
    }

    private List<EvidenceView> evidence(String id) {
        return jdbc.query("SELECT * FROM incident_evidence WHERE incident_id = ? ORDER BY attached_at, sha256",
                (row, index) -> new EvidenceView(row.getString("name"), row.getString("sha256"),
                        row.getString("location"), row.getString("description"), instant(row, "attached_at"),
                        row.getString("attached_by")), id);
    }

    private List<ContainmentActionView> containmentActions(String id) {
        return jdbc.query("SELECT * FROM incident_containment_action WHERE incident_id = ? ORDER BY sequence_number",
                (row, index) -> {
                    String targetType = row.getString("target_type");
                    AffectedAsset target = targetType == null ? null : new AffectedAsset(
                            AssetType.valueOf(targetType), row.getString("target_identifier"),
                            row.getString("target_chain"));
                    return new ContainmentActionView(ContainmentActionType.valueOf(row.getString("action")), target,
                            row.getString("description"), instant(row, "performed_at"), instant(row, "recorded_at"),
                            row.getString("recorded_by"));
                }, id);
    }

    private List<DetectionView> detections(String id) {
        Map<Long, List<DetectionLabel>> labels = new HashMap<>();
        jdbc.query("SELECT * FROM incident_detection_label WHERE incident_id = ? ORDER BY sequence_number, position",
                (RowCallbackHandler) row -> {
                    double value = row.getDouble("confidence");
                    Double confidence = row.wasNull() ? null : value;
                    labels.computeIfAbsent(row.getLong("sequence_number"), sequence -> new ArrayList<>())
                            .add(new DetectionLabel(row.getString("label"), row.getString("entity"), confidence));
                }, id);
        return jdbc.query("SELECT * FROM incident_detection WHERE incident_id = ? ORDER BY sequence_number",
                (row, index) -> new DetectionView(DetectionSource.valueOf(row.getString("source")),
                        row.getString("source_alert_id"), row.getString("name"), row.getString("description"),
                        row.getString("native_severity"), Severity.valueOf(row.getString("severity")),
                        Category.valueOf(row.getString("category")), row.getString("chain_id"),
                        split(row.getString("addresses")), split(row.getString("transactions")),
                        List.copyOf(labels.getOrDefault(row.getLong("sequence_number"), List.of())),
                        row.getString("correlation_key"), row.getString("payload_sha256"), row.getString("rule_id"),
                        row.getString("rule_version"), instant(row, "observed_at"), instant(row, "received_at")),
                id);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private Optional<ReviewView> review(String id) {
        List<ActionItemView> items = actionItems(id);
        List<String> factors = jdbc.queryForList(
                "SELECT factor FROM incident_review_factor WHERE incident_id = ? ORDER BY position", String.class, id);
        List<ProcedureChangeView> changes = jdbc.query(
                "SELECT * FROM incident_procedure_change WHERE incident_id = ? ORDER BY position",
                (row, index) -> new ProcedureChangeView(row.getString("description"), row.getString("reference"),
                        instant(row, "recorded_at"), row.getString("recorded_by")), id);
        return jdbc.query("SELECT * FROM incident_review WHERE incident_id = ?",
                (row, index) -> new ReviewView(row.getString("root_cause"), row.getString("lessons_learned"),
                        items.stream().map(ActionItemView::description).toList(), instant(row, "recorded_at"),
                        row.getString("recorded_by"), items, factors, changes), id).stream().findFirst();
    }

    /**
     * Every reviewed incident, newest review first, optionally of one category and only those with action items not
     * done yet: the lessons learned across incidents.
     */
    public List<LessonsLearnedView> lessonsLearned(Category category, boolean openActionItemsOnly) {
        StringBuilder sql = new StringBuilder("""
                SELECT r.incident_id, r.title, r.category, r.severity, r.status FROM incident_register r
                JOIN incident_review v ON v.incident_id = r.incident_id WHERE 1 = 1""");
        List<Object> arguments = new ArrayList<>();
        if (category != null) {
            sql.append(" AND r.category = ?");
            arguments.add(category.name());
        }
        if (openActionItemsOnly) {
            sql.append(" AND EXISTS (SELECT 1 FROM incident_review_action_item a WHERE a.incident_id = r.incident_id"
                    + " AND a.status <> 'DONE')");
        }
        sql.append(" ORDER BY v.recorded_at DESC, r.incident_id");
        return jdbc.query(sql.toString(), (row, index) -> new LessonsLearnedView(row.getString(1), row.getString(2),
                        Category.valueOf(row.getString(3)), Severity.valueOf(row.getString(4)),
                        IncidentStatus.valueOf(row.getString(5)), null), arguments.toArray()).stream()
                .map(found -> new LessonsLearnedView(found.incidentId(), found.title(), found.category(),
                        found.severity(), found.status(), review(found.incidentId()).orElseThrow()))
                .toList();
    }

    /** The incident's review action items in the order they were added. */
    public List<ActionItemView> actionItems(String incidentId) {
        return jdbc.query("SELECT * FROM incident_review_action_item WHERE incident_id = ? ORDER BY position",
                (row, index) -> new ActionItemView(row.getString("item_id"), row.getString("description"),
                        row.getString("owner"), row.getObject("due_date", LocalDate.class),
                        ActionItemStatus.valueOf(row.getString("status")), row.getString("evidence"),
                        instant(row, "closed_at"), row.getString("closed_by")), incidentId);
    }

    private List<TimelineEntryView> timeline(String id) {
        return jdbc.query("SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY sequence_number",
                (row, index) -> new TimelineEntryView(row.getLong("sequence_number"), row.getString("event_id"),
                        row.getString("event_type"), row.getString("summary"), row.getString("actor"),
                        row.getString("actor_type"), row.getString("actor_roles"), instant(row, "recorded_at")), id);
    }
}
