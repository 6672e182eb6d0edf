package io.incidentledger.incident.api;

import java.time.Instant;

/** One event in an incident's timeline: what happened, who caused it (and in which roles), and when it was recorded. */
public record TimelineEntryView(long sequence, String eventId, String type, String summary, String actor,
                                String actorType, String actorRoles, Instant recordedAt) {
}
