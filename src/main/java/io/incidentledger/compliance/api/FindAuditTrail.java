package io.incidentledger.compliance.api;

import io.incidentledger.incident.api.IncidentId;

/**
 * An incident's audit trail with the ledger coordinates of each event, as
 * {@code GET /api/compliance/incidents/{id}/audit-trail} gives it. Answered with an optional {@link AuditTrail}: empty
 * when the store holds no event of the incident. Asking does not record the read; whoever shows the trail records it
 * ({@code RecordIncidentRead.AUDIT_TRAIL}).
 */
public record FindAuditTrail(IncidentId incidentId) {
}
