package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a containment action a responder took by hand, outside the system. */
public record RecordContainmentAction(@TargetAggregateIdentifier IncidentId incidentId,
                                      ContainmentActionType action,
                                      AffectedAsset target,
                                      String description,
                                      Instant performedAt) {
}
