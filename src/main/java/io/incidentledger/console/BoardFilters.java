package io.incidentledger.console;

import java.util.Set;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.SearchIncidents.BoardSort;
import io.incidentledger.incident.api.Severity;
import org.springframework.web.util.UriComponentsBuilder;

/** What the filters ask for, as the query string carries it. */
public record BoardFilters(Set<IncidentStatus> status, String scope, boolean mine, Set<Severity> severity,
                           Category category, String q, String asset, BoardSort sort, int page) {

    public boolean openOnly() {
        return !"all".equals(scope);
    }

    /** The query string of these filters, on page {@code toPage}. */
    public String query(int toPage) {
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        status.stream().sorted().forEach(value -> uri.queryParam("status", value.name()));
        uri.queryParam("scope", openOnly() ? "open" : "all");
        if (mine) {
            uri.queryParam("mine", "true");
        }
        severity.stream().sorted().forEach(value -> uri.queryParam("severity", value.name()));
        if (category != null) {
            uri.queryParam("category", category.name());
        }
        if (q != null && !q.isBlank()) {
            uri.queryParam("q", q);
        }
        if (asset != null && !asset.isBlank()) {
            uri.queryParam("asset", asset);
        }
        uri.queryParam("sort", sort.name());
        if (toPage > 0) {
            uri.queryParam("page", toPage);
        }
        return uri.encode().build().getQuery();
    }
}
