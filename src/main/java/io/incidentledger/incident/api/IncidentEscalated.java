package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** The incident's severity was raised from {@code from} to {@code to}. */
@Revision("1")
public record IncidentEscalated(IncidentId incidentId, Severity from, Severity to, String reason) {
}
