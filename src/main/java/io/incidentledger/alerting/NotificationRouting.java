package io.incidentledger.alerting;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.incidentledger.alerting.AlertingProperties.Recipient;
import io.incidentledger.incident.api.Severity;

/**
 * Which configured recipients hear of an alert, over which channels, and the id of each delivery. A recipient is
 * reached when it holds one of the kind's roles, the incident's current severity is at least its
 * {@code min-severity}, and it is either untiered or the alert escalates to its tier (a missed deadline that reached
 * it, or a containment step that failed for good, which escalates to tier 1).
 */
public final class NotificationRouting {

    private final AlertingProperties properties;

    public NotificationRouting(AlertingProperties properties) {
        this.properties = properties;
    }

    /** Whether an incident reported at this severity is announced at all. */
    public boolean announcesReport(Severity severity) {
        return severity.compareTo(properties.reportMinSeverity()) >= 0;
    }

    /** One notification per recipient and channel that the alert reaches, in configuration order. */
    public List<Notification> notifications(Alert alert) {
        List<Notification> notifications = new ArrayList<>();
        for (Recipient recipient : properties.recipients()) {
            if (!reaches(alert, recipient)) {
                continue;
            }
            if (recipient.mail() != null) {
                notifications.add(alert.toNotification(notificationId(alert.eventIdentifier(), Channel.MAIL,
                        recipient.name()), Channel.MAIL, recipient.name()));
            }
            if (recipient.webhook() != null) {
                notifications.add(alert.toNotification(notificationId(alert.eventIdentifier(), Channel.WEBHOOK,
                        recipient.name()), Channel.WEBHOOK, recipient.name()));
            }
        }
        return notifications;
    }

    static boolean reaches(Alert alert, Recipient recipient) {
        if (!recipient.hasAnyRole(alert.kind().roles())) {
            return false;
        }
        // an incident this processor has no facts about is announced rather than dropped
        if (alert.severity() != null && alert.severity().compareTo(recipient.minSeverity()) < 0) {
            return false;
        }
        return recipient.tier() == 0 || alert.kind().escalates() && recipient.tier() <= alert.tier();
    }

    /**
     * The same for every delivery of one event to one recipient over one channel, on every node and after any
     * replay: so the outbox holds it once, and receivers can drop repeats (mail Message-ID, webhook
     * Idempotency-Key).
     */
    public static String notificationId(String eventIdentifier, Channel channel, String recipient) {
        String key = "incident-ledger:notification:" + eventIdentifier + ":" + channel + ":" + recipient;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
