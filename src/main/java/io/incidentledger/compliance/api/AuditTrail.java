package io.incidentledger.compliance.api;

import java.util.List;

/** Every event of one incident, in sequence order. */
public record AuditTrail(String incidentId, List<AuditTrailEntry> events) {
}
