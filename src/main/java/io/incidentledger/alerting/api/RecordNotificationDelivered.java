package io.incidentledger.alerting.api;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a notification recorded as failing was delivered in the end. */
public record RecordNotificationDelivered(@TargetAggregateIdentifier IncidentId incidentId, String notificationId,
                                          String channel, String recipient, int attempts) {
}
