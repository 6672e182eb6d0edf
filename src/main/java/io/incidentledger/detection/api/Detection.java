package io.incidentledger.detection.api;

import java.time.Instant;
import java.util.List;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;

/**
 * A detection as recorded on an incident, with its provenance: which detector said what, in its own terms, and
 * when it saw it and when we received it (the candidate "became aware" time for compliance).
 *
 * @param sourceAlertId    the detector's own id for the alert (Forta alert hash, monitor match id, …)
 * @param nativeSeverity   the severity in the detector's own words, kept as given
 * @param severity         our severity for it
 * @param correlationKey   what groups detections into one incident: rule or alert id and subject
 * @param payloadSha256    SHA-256 (hex) of the raw payload exactly as received
 * @param ruleId           the rule that raised it, for our own rules; null otherwise
 * @param ruleVersion      that rule's version; null otherwise
 * @param observedAt       when the detector saw it, if it says
 * @param receivedAt       when we received it
 */
public record Detection(DetectionSource source, String sourceAlertId, String name, String description,
                        String nativeSeverity, Severity severity, Category category, String chainId,
                        List<String> addresses, List<String> transactions, List<DetectionLabel> labels,
                        String correlationKey, String payloadSha256, String ruleId, String ruleVersion,
                        Instant observedAt, Instant receivedAt) {

    /** What makes two deliveries the same alert: the detector's id, or else the raw payload's hash. */
    public String fingerprint() {
        return source + ":" + (sourceAlertId != null && !sourceAlertId.isBlank() ? sourceAlertId : payloadSha256);
    }
}
