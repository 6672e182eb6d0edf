package io.incidentledger.incident.api;

import java.time.Instant;
import java.util.Map;

import io.incidentledger.compliance.api.RegulatoryClassification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record what the incident was classified as for a regime, and when. */
public record RecordRegulatoryClassification(@TargetAggregateIdentifier IncidentId incidentId,
                                             RegulatoryClassification classification, Instant classifiedAt,
                                             Map<String, Integer> affectedByState, String rationale) {
}
