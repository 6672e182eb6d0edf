package io.incidentledger.compliance.access.api;

import java.time.Instant;
import java.util.List;

/** One recorded read; {@code eventId} names the stored event, whose inclusion proof the ledger API gives. */
public record AccessLogEntry(String incidentId, String view, String reader, String readerType,
                             List<String> readerRoles, Instant readAt, String eventId) {
}
