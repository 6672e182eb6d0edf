package io.incidentledger.incident.api;

import java.time.Instant;
import java.util.List;

/** The post-incident review. */
public record ReviewView(String rootCause, String lessonsLearned, List<String> actionItems, Instant recordedAt,
                         String recordedBy) {
}
