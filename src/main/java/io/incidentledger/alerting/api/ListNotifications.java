package io.incidentledger.alerting.api;

import io.incidentledger.incident.api.IncidentId;

/**
 * Ask for the notifications sent about an incident and where each delivery stands, oldest first: answered with a list
 * of {@link NotificationView}, empty for an incident without notifications or unknown to the alerting view.
 */
public record ListNotifications(IncidentId incidentId) {
}
