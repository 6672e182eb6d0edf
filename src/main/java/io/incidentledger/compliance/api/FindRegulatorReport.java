package io.incidentledger.compliance.api;

import io.incidentledger.incident.api.IncidentId;

/**
 * The regulator's report on one incident, as {@code GET /api/compliance/incidents/{id}/report} gives it, with its
 * obligations judged at the time the query is answered. Answered with an optional {@link RegulatorReportView}: empty
 * when there is no such incident. Asking does not record the read; whoever shows the report records it
 * ({@code RecordIncidentRead.REPORT}).
 *
 * @param generatedBy the name of the user the report is made for
 */
public record FindRegulatorReport(IncidentId incidentId, String generatedBy) {
}
