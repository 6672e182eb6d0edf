package io.incidentledger.compliance.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.incidentledger.compliance.access.api.AccessLogEntry;
import io.incidentledger.compliance.access.api.AccessLogPage;
import io.incidentledger.compliance.access.api.ListIncidentReads;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers access-log queries from the {@code compliance-access-log} projection's table, newest read first. */
@Component
public class AccessLogQueries {

    private final JdbcTemplate jdbc;

    public AccessLogQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The recorded reads matching every given filter ({@code null} means any).
     *
     * @param from reads at or after this instant
     * @param to   reads before this instant
     */
    public AccessLogPage find(String incidentId, String reader, Instant from, Instant to, int page, int size) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        if (incidentId != null) {
            conditions.add("incident_id = ?");
            arguments.add(incidentId);
        }
        if (reader != null) {
            conditions.add("reader = ?");
            arguments.add(reader);
        }
        if (from != null) {
            conditions.add("read_at >= ?");
            arguments.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            conditions.add("read_at < ?");
            arguments.add(to.atOffset(ZoneOffset.UTC));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM compliance_access_log" + where, Long.class,
                arguments.toArray());
        List<Object> pageArguments = new ArrayList<>(arguments);
        pageArguments.add(size);
        pageArguments.add((long) page * size);
        List<AccessLogEntry> items = jdbc.query("SELECT * FROM compliance_access_log" + where
                        + " ORDER BY read_at DESC, incident_id, sequence_number DESC LIMIT ? OFFSET ?",
                (row, index) -> entry(row), pageArguments.toArray());
        return new AccessLogPage(items, page, size, total == null ? 0 : total);
    }

    @QueryHandler
    AccessLogPage handle(ListIncidentReads query) {
        return find(query.incidentId(), query.reader(), query.from(), query.to(), query.page(), query.size());
    }

    private static AccessLogEntry entry(ResultSet row) throws SQLException {
        String roles = row.getString("reader_roles");
        return new AccessLogEntry(row.getString("incident_id"), row.getString("view_name"), row.getString("reader"),
                row.getString("reader_type"),
                roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
                row.getObject("read_at", OffsetDateTime.class).toInstant(), row.getString("event_id"));
    }
}
