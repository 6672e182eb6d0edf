package io.incidentledger.alerting.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * Notification {@code notificationId}, recorded earlier as failing, reached {@code recipient} over {@code
 * channel} after {@code attempts} attempts.
 */
@Revision("1")
public record NotificationDelivered(IncidentId incidentId, String notificationId, String channel, String recipient,
                                    int attempts) {
}
