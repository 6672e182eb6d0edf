package io.incidentledger.incident.query;

import static io.incidentledger.common.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.incidentledger.incident.api.BoardItemView;
import io.incidentledger.incident.api.BoardPageView;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.FindIncidentVersion;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.SearchIncidents;
import io.incidentledger.incident.api.Severity;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the console's board from the incident register: filters, orders, a page, and the counts of all that match.
 * Every value reaches the database as a bind parameter; the SQL is built only from the query's enums.
 */
@Component
class IncidentBoardQueries {

    private static final String FROM = " FROM incident_register r";

    private final JdbcTemplate jdbc;

    IncidentBoardQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    BoardPageView handle(SearchIncidents query) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        filter(query, conditions, arguments);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        // one pass over what matches gives both counts
        Map<IncidentStatus, Long> byStatus = new EnumMap<>(IncidentStatus.class);
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        jdbc.query("SELECT r.status, r.severity, COUNT(*)" + FROM + where + " GROUP BY r.status, r.severity",
                row -> {
                    long count = row.getLong(3);
                    byStatus.merge(IncidentStatus.valueOf(row.getString(1)), count, Long::sum);
                    bySeverity.merge(Severity.valueOf(row.getString(2)), count, Long::sum);
                }, arguments.toArray());
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        List<Object> pageArguments = new ArrayList<>(arguments);
        pageArguments.add(query.size());
        pageArguments.add((long) query.page() * query.size());
        List<BoardItemView> items = jdbc.query("SELECT r.*, c.assignee AS commander" + FROM
                        + " LEFT JOIN incident_assignee c ON c.incident_id = r.incident_id AND c.role = 'COMMANDER'"
                        + where + " ORDER BY " + order(query.sort()) + " LIMIT ? OFFSET ?",
                (row, index) -> item(row), pageArguments.toArray());
        int totalPages = (int) ((total + query.size() - 1) / query.size());
        return new BoardPageView(items, query.page(), query.size(), total, totalPages, byStatus, bySeverity);
    }

    @QueryHandler
    Optional<Long> handle(FindIncidentVersion query) {
        return jdbc.query("SELECT version FROM incident_register WHERE incident_id = ?",
                (row, index) -> row.getLong(1), query.incidentId().value()).stream().findFirst();
    }

    private static void filter(SearchIncidents query, List<String> conditions, List<Object> arguments) {
        if (!query.statuses().isEmpty()) {
            conditions.add("r.status IN (" + placeholders(query.statuses().size()) + ")");
            query.statuses().stream().map(Enum::name).sorted().forEach(arguments::add);
        }
        if (query.openOnly()) {
            Set<IncidentStatus> open = EnumSet.allOf(IncidentStatus.class).stream()
                    .filter(IncidentStatus::isOpen).collect(Collectors.toSet());
            conditions.add("r.status IN (" + placeholders(open.size()) + ")");
            open.stream().map(Enum::name).sorted().forEach(arguments::add);
        }
        if (!query.severities().isEmpty()) {
            conditions.add("r.severity IN (" + placeholders(query.severities().size()) + ")");
            query.severities().stream().map(Enum::name).sorted().forEach(arguments::add);
        }
        if (query.category() != null) {
            conditions.add("r.category = ?");
            arguments.add(query.category().name());
        }
        if (query.assignee() != null && !query.assignee().isBlank()) {
            conditions.add("EXISTS (SELECT 1 FROM incident_assignee a WHERE a.incident_id = r.incident_id"
                    + " AND a.assignee = ?)");
            arguments.add(query.assignee().strip());
        }
        if (query.text() != null) {
            for (String word : query.text().strip().toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!word.isEmpty()) {
                    conditions.add("(LOWER(r.title) LIKE ? ESCAPE '\\' OR LOWER(r.description) LIKE ? ESCAPE '\\')");
                    String pattern = "%" + likeEscaped(word) + "%";
                    arguments.add(pattern);
                    arguments.add(pattern);
                }
            }
        }
        if (query.asset() != null && !query.asset().isBlank()) {
            String asset = query.asset().strip().toLowerCase(Locale.ROOT);
            String listed = "%," + likeEscaped(asset) + ",%";
            conditions.add("(EXISTS (SELECT 1 FROM incident_affected_asset x WHERE x.incident_id = r.incident_id"
                    + " AND LOWER(x.identifier) = ?)"
                    + " OR EXISTS (SELECT 1 FROM incident_detection d WHERE d.incident_id = r.incident_id"
                    + " AND (LOWER(',' || d.addresses || ',') LIKE ? ESCAPE '\\'"
                    + " OR LOWER(',' || d.transactions || ',') LIKE ? ESCAPE '\\')))");
            arguments.add(asset);
            arguments.add(listed);
            arguments.add(listed);
        }
    }

    private static String order(SearchIncidents.BoardSort sort) {
        return switch (sort) {
            case NEWEST -> "r.reported_at DESC, r.incident_id";
            case OLDEST -> "r.reported_at ASC, r.incident_id";
            case UPDATED -> "r.updated_at DESC, r.incident_id";
            case SEVERITY -> rank("r.severity", Severity.values()) + " DESC, r.reported_at DESC, r.incident_id";
            case STATUS -> rank("r.status", IncidentStatus.values()) + ", r.reported_at DESC, r.incident_id";
        };
    }

    /** A CASE that ranks an enum column by the constants' order (the names are the enum's own, not input). */
    private static String rank(String column, Enum<?>[] constants) {
        StringBuilder rank = new StringBuilder("CASE ").append(column);
        for (Enum<?> constant : constants) {
            rank.append(" WHEN '").append(constant.name()).append("' THEN ").append(constant.ordinal());
        }
        return rank.append(" END").toString();
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static BoardItemView item(ResultSet row) throws SQLException {
        return new BoardItemView(new IncidentId(row.getString("incident_id")), row.getString("title"),
                IncidentStatus.valueOf(row.getString("status")), Severity.valueOf(row.getString("severity")),
                Category.valueOf(row.getString("category")), IncidentSource.valueOf(row.getString("source")),
                instant(row, "detected_at"), instant(row, "reported_at"), instant(row, "updated_at"),
                row.getString("commander"), row.getLong("version"));
    }
}
