package io.incidentledger.incident.api;

import org.axonframework.serialization.Revision;

/** A note was added to the incident's record. */
@Revision("1")
public record NoteAdded(IncidentId incidentId, String text) {
}
