package io.incidentledger.incident.query;

import java.util.Collections;
import java.util.List;

import io.incidentledger.incident.api.FindIncidentSummaries;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSummaryView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers which incidents a list of ids names, from the register, for views of other features that hold ids only. */
@Component
class IncidentSummaryQueries {

    private static final int MAX_IDS = 2_000;

    private final JdbcTemplate jdbc;

    IncidentSummaryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<IncidentSummaryView> handle(FindIncidentSummaries query) {
        List<String> ids = query.incidentIds().stream().map(IncidentId::value).distinct().limit(MAX_IDS).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        return jdbc.query("SELECT * FROM incident_register WHERE incident_id IN (" + marks + ")",
                (row, index) -> IncidentQueries.summary(row), ids.toArray());
    }
}
