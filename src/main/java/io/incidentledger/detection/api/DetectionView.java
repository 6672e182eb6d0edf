package io.incidentledger.detection.api;

import java.time.Instant;
import java.util.List;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;

/**
 * A detection attached to an incident, with its provenance.
 *
 * @param labels the labels the detector put on entities (an address "attacker" with confidence 0.9), as it gave them
 */
public record DetectionView(DetectionSource source, String sourceAlertId, String name, String description,
                            String nativeSeverity, Severity severity, Category category, String chainId,
                            List<String> addresses, List<String> transactions, List<DetectionLabel> labels,
                            String correlationKey,
                            String payloadSha256, String ruleId, String ruleVersion, Instant observedAt,
                            Instant receivedAt) {
}
