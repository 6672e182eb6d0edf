package io.incidentledger.incident.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Classify the incident: severity, category and the assets it affects, as of {@code classifiedAt}. */
public record TriageIncident(@TargetAggregateIdentifier IncidentId incidentId,
                             Severity severity,
                             Category category,
                             List<AffectedAsset> affectedAssets,
                             Instant classifiedAt) {
}
