package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** A person was given a role on the incident; {@code replaced} is who held a single-seat role before, if anyone. */
@Revision("1")
public record IncidentAssigned(IncidentId incidentId, AssignmentRole role, String assignee, String replaced) {
}
