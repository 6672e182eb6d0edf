package io.incidentledger.incident.api;

import java.time.Instant;

/** A person holding a role on an incident, and who gave it to them when. */
public record AssigneeView(AssignmentRole role, String assignee, Instant assignedAt, String assignedBy) {
}
