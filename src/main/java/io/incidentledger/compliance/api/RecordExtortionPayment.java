package io.incidentledger.compliance.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an extortion payment. */
public record RecordExtortionPayment(@TargetAggregateIdentifier IncidentId incidentId, Instant paidAt,
                                     String description) {
}
