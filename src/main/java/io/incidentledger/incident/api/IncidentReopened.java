package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** The incident was reopened and resumed at {@code status}. */
@Revision("1")
public record IncidentReopened(IncidentId incidentId, String reason, IncidentStatus status) {
}
