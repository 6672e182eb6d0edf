package io.incidentledger.incident.web;

import java.util.UUID;

import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.web.NotFoundException;

/** The incident id in a request path: anything that is not one names no incident (404), never a malformed request. */
final class IncidentPaths {

    private IncidentPaths() {
    }

    static IncidentId incidentId(String id) {
        try {
            return IncidentId.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            throw notFound(id);
        }
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("incident-not-found", "no incident " + id);
    }
}
