package io.incidentledger.alerting.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a notification about the incident keeps failing to be delivered. */
public record RecordNotificationDeliveryFailed(@TargetAggregateIdentifier IncidentId incidentId, String notificationId,
                                               String kind, String channel, String recipient, int attempts,
                                               String error) {
}
