package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** Whether the incident is material (SEC Form 8-K Item 1.05) was determined at {@code determinedAt}. */
@Revision("1")
public record MaterialityDetermined(IncidentId incidentId, Instant determinedAt, boolean material, String rationale) {
}
