package io.incidentledger.compliance.access.api;

import java.util.List;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * Someone read {@code view} of an incident: the entry regulators and auditors ask for in an access log. The event's
 * timestamp is the time of the read; the event is hash-chained and admitted to the ledger like every other.
 *
 * @param view        what was read, e.g. {@code incident}, {@code audit-trail}
 * @param reader      the principal's name
 * @param readerRoles the principal's roles at the time of the read, sorted
 */
@Revision("1")
public record IncidentRead(IncidentId incidentId, String view, String reader, List<String> readerRoles) {
}
