package io.incidentledger.incident.api;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record assets affected by the incident; those already recorded are left out. */
public record AddAffectedAssets(@TargetAggregateIdentifier IncidentId incidentId, List<AffectedAsset> assets,
                                String reason) {
}
