package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * The organisation became aware of the incident at {@code awareAt}, on {@code basis}: the anchor of the GDPR, NIS2 and
 * DORA clocks. Recorded again, the later record stands and both stay in the history.
 */
@Revision("1")
public record AwarenessRecorded(IncidentId incidentId, Instant awareAt, String basis) {
}
