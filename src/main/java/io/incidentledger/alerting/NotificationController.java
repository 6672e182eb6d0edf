package io.incidentledger.alerting;

import static io.incidentledger.web.IncidentPaths.incidentId;
import static io.incidentledger.web.IncidentPaths.notFound;

import java.util.List;

import io.incidentledger.alerting.api.NotificationView;
import io.incidentledger.incident.api.IncidentId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An incident's notifications and where each delivery stands, so that one that keeps failing is seen. Like the other
 * views it follows the events within milliseconds: an incident reported a moment ago may still answer 404.
 */
@Tag(name = "Notifications", description = "Who was told what about an incident, and whether it arrived")
@RestController
class NotificationController {

    private final AlertingIncidents incidents;
    private final NotificationOutbox outbox;

    NotificationController(AlertingIncidents incidents, NotificationOutbox outbox) {
        this.incidents = incidents;
        this.outbox = outbox;
    }

    @Operation(summary = "List an incident's notifications")
    @GetMapping(path = "/api/incidents/{id}/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
    List<NotificationView> notifications(@PathVariable String id) {
        IncidentId incidentId = incidentId(id);
        if (!incidents.exists(incidentId)) {
            throw notFound(id);
        }
        return outbox.ofIncident(incidentId).stream().map(NotificationQueries::view).toList();
    }
}
