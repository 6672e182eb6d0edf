package io.incidentledger.incident.api;

import java.time.Instant;

/** Evidence attached by reference. */
public record EvidenceView(String name, String sha256, String location, String description, Instant attachedAt,
                           String attachedBy) {
}
