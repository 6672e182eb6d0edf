package io.incidentledger.incident.web;

import java.util.UUID;

import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.web.NotFoundException;

/**
 * The incident id in a request path, for every controller that has one: anything that is not an incident id names no
 * incident (404), never a malformed request.
 */
public final class IncidentPaths {

    private IncidentPaths() {
    }

    public static IncidentId incidentId(String id) {
        try {
            return IncidentId.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            throw notFound(id);
        }
    }

    public static NotFoundException notFound(String id) {
        return new NotFoundException("incident-not-found", "no incident " + id);
    }
}
