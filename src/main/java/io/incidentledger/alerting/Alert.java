package io.incidentledger.alerting;

import java.time.Instant;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;

/**
 * Something about an incident that people should hear of, before it is fanned out to recipients.
 *
 * @param eventIdentifier the event that caused it; notification ids derive from it
 * @param title           the incident's title as the notifier last saw it
 * @param severity        the incident's current severity, or {@code null} when the notifier has no facts about it
 * @param category        the incident's current category, or {@code null} likewise
 * @param tier            for {@link NotificationKind#DEADLINE_MISSED}, the escalation tier reached; else {@code 0}
 * @param summary         what happened, in a sentence or two
 * @param occurredAt      when the event was recorded
 */
public record Alert(String eventIdentifier, IncidentId incidentId, String title, Severity severity, Category category,
                    NotificationKind kind, int tier, String summary, Instant occurredAt) {

    Notification toNotification(String notificationId, Channel channel, String recipient) {
        return new Notification(notificationId, incidentId, eventIdentifier, kind, channel, recipient, title, severity,
                category, summary, occurredAt);
    }
}
