package io.incidentledger.compliance.api;

import java.time.Instant;
import java.util.Map;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * The incident was classified as {@code classification} at {@code classifiedAt}, with the number of people affected
 * per State where the regime counts them (HIPAA), and why.
 */
@Revision("1")
public record RegulatoryClassificationRecorded(IncidentId incidentId, RegulatoryClassification classification,
                                               Instant classifiedAt, Map<String, Integer> affectedByState,
                                               String rationale) {
}
