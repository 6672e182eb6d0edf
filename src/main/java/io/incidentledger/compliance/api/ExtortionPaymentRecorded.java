package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** An extortion payment was made at {@code paidAt} (NYDFS 23 NYCRR 500.17(c)). */
@Revision("1")
public record ExtortionPaymentRecorded(IncidentId incidentId, Instant paidAt, String description) {
}
