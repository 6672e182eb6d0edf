package io.incidentledger.compliance.access.api;

import java.util.Objects;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the acting principal read {@code view} of an incident. Who read it is taken from the command's actor
 * metadata, never from the payload, so that a caller cannot record a read in someone else's name.
 *
 * @param view the name of what was read, e.g. {@code incident} or {@code audit-trail}
 */
public record RecordIncidentRead(IncidentId incidentId, String view) {

    /** {@code GET /api/incidents/{id}}. */
    public static final String INCIDENT = "incident";
    /** {@code GET /api/compliance/incidents/{id}/audit-trail}. */
    public static final String AUDIT_TRAIL = "audit-trail";
    /** The per-incident obligations view. */
    public static final String OBLIGATIONS = "obligations";
    /** The per-incident regulator report. */
    public static final String REPORT = "report";

    /** Aggregate identifiers share one namespace with the incidents' own, hence the prefix. */
    public static final String ID_PREFIX = "access-log:";

    public RecordIncidentRead {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(view, "view");
    }

    /** The incident's access log, one aggregate per incident. */
    @TargetAggregateIdentifier
    public String accessLogId() {
        return ID_PREFIX + incidentId.value();
    }
}
