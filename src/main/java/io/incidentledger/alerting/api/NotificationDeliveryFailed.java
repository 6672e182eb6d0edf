package io.incidentledger.alerting.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * Notification {@code notificationId} about the incident has failed {@code attempts} times to reach {@code
 * recipient} over {@code channel}; delivery goes on being retried.
 */
@Revision("1")
public record NotificationDeliveryFailed(IncidentId incidentId, String notificationId, String kind, String channel,
                                         String recipient, int attempts, String error) {
}
