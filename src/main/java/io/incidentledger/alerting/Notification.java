package io.incidentledger.alerting;

import java.time.Instant;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;

/**
 * One delivery to one recipient over one channel, as the outbox keeps it: everything a channel needs to send it,
 * except the address, which is looked up in the configuration by the recipient's name when it is sent.
 */
public record Notification(String notificationId, IncidentId incidentId, String eventIdentifier,
                           NotificationKind kind, Channel channel, String recipient, String title, Severity severity,
                           Category category, String summary, Instant occurredAt) {
}
