package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an extortion payment. */
public record RecordExtortionPayment(@TargetAggregateIdentifier IncidentId incidentId, Instant paidAt,
                                     String description) {
}
