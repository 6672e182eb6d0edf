package io.incidentledger.compliance.api;

import io.incidentledger.incident.api.IncidentId;

/**
 * Ask for an incident's reporting obligations judged now, and the reports submitted: answered with an optional
 * {@link IncidentObligationsSummaryView}, empty while the compliance register does not know the incident. The same
 * judgement as {@code GET /api/compliance/incidents/{id}/obligations}; unlike that endpoint, asking records no read
 * (whoever shows the answer to a person records it, as that endpoint does).
 */
public record FindIncidentObligations(IncidentId incidentId) {
}
