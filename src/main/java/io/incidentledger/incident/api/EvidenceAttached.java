package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** Evidence was attached by reference; {@code sha256} pins its content. */
@Revision("1")
public record EvidenceAttached(IncidentId incidentId, String name, String sha256, String location, String description) {
}
