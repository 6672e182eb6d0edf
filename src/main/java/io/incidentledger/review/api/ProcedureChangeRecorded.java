package io.incidentledger.review.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * A change made to a playbook or procedure because of the incident; {@code reference} points at it (a commit, a
 * document version), if any.
 */
@Revision("1")
public record ProcedureChangeRecorded(IncidentId incidentId, String description, String reference) {
}
