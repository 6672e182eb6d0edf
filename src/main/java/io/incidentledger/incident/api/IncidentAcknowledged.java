package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** A responder acknowledged the incident; the event's timestamp is the time of acknowledgement. */
@Revision("1")
public record IncidentAcknowledged(IncidentId incidentId) {
}
