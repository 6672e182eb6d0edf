package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** The post-incident review found a factor that contributed to the incident. */
@Revision("1")
public record ContributingFactorRecorded(IncidentId incidentId, String factor) {
}
