package io.incidentledger.containment.api;

import java.time.Instant;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a containment action a responder took by hand, outside the system. */
public record RecordContainmentAction(@TargetAggregateIdentifier IncidentId incidentId,
                                      ContainmentActionType action,
                                      AffectedAsset target,
                                      String description,
                                      Instant performedAt) {
}
