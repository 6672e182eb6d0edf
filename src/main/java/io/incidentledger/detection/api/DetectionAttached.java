package io.incidentledger.detection.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** A detection was attached to the incident, with its provenance. */
@Revision("1")
public record DetectionAttached(IncidentId incidentId, Detection detection) {
}
