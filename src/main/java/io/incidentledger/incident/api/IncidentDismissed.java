package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** The incident was dismissed as a false positive. */
@Revision("1")
public record IncidentDismissed(IncidentId incidentId, String reason) {
}
