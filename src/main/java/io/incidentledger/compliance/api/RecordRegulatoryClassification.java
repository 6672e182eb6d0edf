package io.incidentledger.compliance.api;

import java.time.Instant;
import java.util.Map;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record what the incident was classified as for a regime, and when. */
public record RecordRegulatoryClassification(@TargetAggregateIdentifier IncidentId incidentId,
                                             RegulatoryClassification classification, Instant classifiedAt,
                                             Map<String, Integer> affectedByState, String rationale) {
}
