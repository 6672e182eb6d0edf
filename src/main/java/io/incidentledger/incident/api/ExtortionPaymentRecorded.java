package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** An extortion payment was made at {@code paidAt} (NYDFS 23 NYCRR 500.17(c)). */
@Revision("1")
public record ExtortionPaymentRecorded(IncidentId incidentId, Instant paidAt, String description) {
}
