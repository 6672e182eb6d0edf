package io.incidentledger.compliance.obligations;

import static io.incidentledger.common.SqlTimes.instant;
import static io.incidentledger.common.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.ObligationPageView;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.ObligationView;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegisterEntryView;
import io.incidentledger.compliance.api.RegisterPageView;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.compliance.api.SubmissionView;
import io.incidentledger.compliance.clock.ClockCalculator;
import io.incidentledger.compliance.clock.Obligation;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.Severity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the compliance register and the obligations. Statuses that depend on the time (pending, due soon, missed)
 * are judged at the {@code now} the caller passes, with the rules of {@link ClockCalculator}; the per-incident view
 * runs the calculator itself on the recorded facts, the lists apply the same rules in SQL so that they can filter
 * and page.
 */
@Component
public class ComplianceViews {

    /**
     * The calculator's status rules on a stored row. Parameters: now (missed after the last on-time instant) and
     * now + the due-soon window (due soon from due - window, inclusive).
     */
    private static final String STATUS = """
            CASE
                WHEN submitted_at IS NOT NULL
                     AND (due_at IS NULL OR submitted_at <= COALESCE(grace_until, due_at)) THEN 'MET'
                WHEN submitted_at IS NOT NULL THEN 'LATE'
                WHEN due_at IS NULL THEN 'NOT_STARTED'
                WHEN COALESCE(grace_until, due_at) < ? THEN 'MISSED'
                WHEN due_at <= ? THEN 'DUE_SOON'
                ELSE 'PENDING'
            END""";

    private final JdbcTemplate jdbc;
    private final ComplianceSettings settings;
    private final ComplianceRecords records;

    public ComplianceViews(JdbcTemplate jdbc, ComplianceSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.records = new ComplianceRecords(jdbc);
    }

    // --- register --------------------------------------------------------------------------------------------------

    public RegisterPageView register(RegisterFilter filter, int page, int size) {
        Query query = registerQuery(filter);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM compliance_register" + query.where(), Long.class,
                query.arguments().toArray());
        long totalItems = total == null ? 0 : total;
        List<Object> arguments = new ArrayList<>(query.arguments());
        arguments.add(size);
        arguments.add((long) page * size);
        List<RegisterEntryView> items = jdbc.query("SELECT * FROM compliance_register" + query.where()
                        + " ORDER BY detected_at DESC, incident_id LIMIT ? OFFSET ?",
                (row, n) -> entry(row), arguments.toArray());
        return new RegisterPageView(items, page, size, totalItems, pages(totalItems, size));
    }

    /** Every entry the filter matches, in register order (for the CSV export). */
    public List<RegisterEntryView> registerEntries(RegisterFilter filter) {
        Query query = registerQuery(filter);
        return jdbc.query("SELECT * FROM compliance_register" + query.where()
                + " ORDER BY detected_at DESC, incident_id", (row, n) -> entry(row), query.arguments().toArray());
    }

    private static Query registerQuery(RegisterFilter filter) {
        Query query = new Query();
        if (filter.status() != null) {
            query.add("status = ?", filter.status().name());
        }
        if (filter.severity() != null) {
            query.add("severity = ?", filter.severity().name());
        }
        if (filter.category() != null) {
            query.add("category = ?", filter.category().name());
        }
        if (filter.from() != null) {
            query.add("detected_at >= ?", utc(filter.from()));
        }
        if (filter.to() != null) {
            query.add("detected_at < ?", utc(filter.to()));
        }
        return query;
    }

    private RegisterEntryView entry(ResultSet row) throws SQLException {
        Instant awareRecorded = instant(row, "aware_recorded_at");
        Set<Regime> assessed = ComplianceRecords.regimes(row.getString("assessed_regimes"));
        return new RegisterEntryView(row.getString("incident_id"), row.getString("title"),
                Category.valueOf(row.getString("category")), Severity.valueOf(row.getString("severity")),
                IncidentStatus.valueOf(row.getString("status")), instant(row, "occurred_at"),
                instant(row, "detected_at"), awareRecorded != null ? awareRecorded : instant(row, "detected_at"),
                instant(row, "gdpr_classified_at"), row.getBoolean("gdpr_high_risk"),
                instant(row, "nis2_classified_at"), instant(row, "dora_classified_at"),
                instant(row, "materiality_at"), row.getObject("material", Boolean.class),
                instant(row, "hipaa_discovered_at"), instant(row, "nydfs_determined_at"),
                instant(row, "extortion_paid_at"), instant(row, "contained_at"), instant(row, "resolved_at"),
                instant(row, "closed_at"), List.copyOf(settings.applicable(assessed)), assessed != null);
    }

    // --- obligations across incidents --------------------------------------------------------------------------------

    public ObligationPageView obligations(ObligationFilter filter, Instant now, int page, int size) {
        Query query = obligationQuery(filter, now);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM (" + query.select() + ") judged" + query.where(),
                Long.class, query.allArguments().toArray());
        long totalItems = total == null ? 0 : total;
        List<Object> arguments = new ArrayList<>(query.allArguments());
        arguments.add(size);
        arguments.add((long) page * size);
        List<ObligationView> items = jdbc.query("SELECT * FROM (" + query.select() + ") judged" + query.where()
                        + ORDER + " LIMIT ? OFFSET ?", (row, n) -> obligation(row), arguments.toArray());
        return new ObligationPageView(items, page, size, totalItems, pages(totalItems, size), now);
    }

    /** Every obligation the filter matches, in list order (for the CSV export). */
    public List<ObligationView> obligationEntries(ObligationFilter filter, Instant now) {
        Query query = obligationQuery(filter, now);
        return jdbc.query("SELECT * FROM (" + query.select() + ") judged" + query.where() + ORDER,
                (row, n) -> obligation(row), query.allArguments().toArray());
    }

    // stages without a due instant last, then by incident and the regime's own order of stages
    private static final String ORDER = " ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, incident_id,"
            + " stage_order";

    private Query obligationQuery(ObligationFilter filter, Instant now) {
        Query query = new Query();
        query.selectArguments.add(utc(now));
        query.selectArguments.add(utc(now.plus(settings.dueSoonWindow())));
        if (filter.regime() != null) {
            query.add("regime = ?", filter.regime().name());
        }
        if (filter.status() != null) {
            query.add("status = ?", filter.status().name());
        }
        if (filter.from() != null) {
            query.add("due_at >= ?", utc(filter.from()));
        }
        if (filter.to() != null) {
            query.add("due_at < ?", utc(filter.to()));
        }
        return query;
    }

    private static ObligationView obligation(ResultSet row) throws SQLException {
        Instant dueAt = instant(row, "due_at");
        Instant graceUntil = instant(row, "grace_until");
        return new ObligationView(row.getString("incident_id"), Regime.valueOf(row.getString("regime")),
                Stage.valueOf(row.getString("stage")), Anchor.valueOf(row.getString("anchor")),
                instant(row, "anchored_at"), dueAt, graceUntil, graceUntil != null ? graceUntil : dueAt,
                instant(row, "submitted_at"), ObligationStatus.valueOf(row.getString("status")));
    }

    // --- one incident ------------------------------------------------------------------------------------------------

    /** The incident's obligations judged at {@code now}, or empty when the register does not know the incident. */
    public Optional<IncidentObligationsView> incident(String incidentId, Instant now) {
        return records.load(incidentId).map(recorded -> {
            Set<Regime> assessed = recorded.assessedRegimes();
            List<ObligationDetailView> obligations = ClockCalculator.obligations(recorded.facts(),
                            settings.profileFor(assessed), now, settings.dueSoonWindow()).stream()
                    .map(ComplianceViews::detail)
                    .toList();
            return new IncidentObligationsView(incidentId, recorded.facts().awareAt(),
                    List.copyOf(settings.applicable(assessed)), assessed != null, now, obligations,
                    submissions(incidentId));
        });
    }

    private static ObligationDetailView detail(Obligation obligation) {
        return new ObligationDetailView(obligation.regime(), obligation.stage(), obligation.anchor(),
                obligation.anchoredAt(), obligation.dueAt(), obligation.graceUntil(), obligation.lastOnTimeAt(),
                obligation.submittedAt(), obligation.status(), obligation.metWithinGrace(), obligation.explanation());
    }

    private List<SubmissionView> submissions(String incidentId) {
        return jdbc.query("SELECT * FROM compliance_submission WHERE incident_id = ? ORDER BY sequence_number",
                (row, n) -> new SubmissionView(Stage.valueOf(row.getString("stage")), instant(row, "submitted_at"),
                        row.getString("authority_reference"), row.getString("report_sha256"),
                        instant(row, "recorded_at"), row.getString("recorded_by")), incidentId);
    }

    private static int pages(long totalItems, int size) {
        return (int) ((totalItems + size - 1) / size);
    }

    /** Conditions and their arguments; for obligations, the arguments of the status expression come first. */
    private static final class Query {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> arguments = new ArrayList<>();
        private final List<Object> selectArguments = new ArrayList<>();

        void add(String condition, Object argument) {
            conditions.add(condition);
            arguments.add(argument);
        }

        String where() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        List<Object> arguments() {
            return arguments;
        }

        String select() {
            return "SELECT o.*, " + STATUS + " AS status FROM compliance_obligation o";
        }

        List<Object> allArguments() {
            List<Object> all = new ArrayList<>(selectArguments);
            all.addAll(arguments);
            return all;
        }
    }
}
