package io.incidentledger.review.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** The post-incident review found a factor that contributed to the incident. */
@Revision("1")
public record ContributingFactorRecorded(IncidentId incidentId, String factor) {
}
