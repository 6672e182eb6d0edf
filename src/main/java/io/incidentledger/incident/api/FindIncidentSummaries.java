package io.incidentledger.incident.api;

import java.util.Set;

/**
 * Ask for the register lines of the named incidents, e.g. to title a list that names incidents by id; answered with
 * a list of {@code IncidentSummaryView}, without the incidents the register does not know.
 */
public record FindIncidentSummaries(Set<IncidentId> incidentIds) {
}
