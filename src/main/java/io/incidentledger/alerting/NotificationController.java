package io.incidentledger.alerting;

import static io.incidentledger.web.IncidentPaths.incidentId;
import static io.incidentledger.web.IncidentPaths.notFound;

import java.util.List;

import io.incidentledger.incident.api.IncidentId;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An incident's notifications and where each delivery stands, so that one that keeps failing is seen. Like the other
 * views it follows the events within milliseconds: an incident reported a moment ago may still answer 404.
 */
@RestController
class NotificationController {

    private final AlertingIncidents incidents;
    private final NotificationOutbox outbox;

    NotificationController(AlertingIncidents incidents, NotificationOutbox outbox) {
        this.incidents = incidents;
        this.outbox = outbox;
    }

    @GetMapping(path = "/api/incidents/{id}/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
    List<NotificationView> notifications(@PathVariable String id) {
        IncidentId incidentId = incidentId(id);
        if (!incidents.exists(incidentId)) {
            throw notFound(id);
        }
        return outbox.ofIncident(incidentId).stream().map(NotificationView::of).toList();
    }
}
