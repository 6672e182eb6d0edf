package io.incidentledger.alerting;

import java.util.List;

import io.incidentledger.alerting.api.ListNotifications;
import io.incidentledger.alerting.api.NotificationView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers other features' questions about an incident's notifications, from the outbox. */
@Component
class NotificationQueries {

    private final NotificationOutbox outbox;

    NotificationQueries(NotificationOutbox outbox) {
        this.outbox = outbox;
    }

    @QueryHandler
    List<NotificationView> handle(ListNotifications query) {
        return outbox.ofIncident(query.incidentId()).stream().map(NotificationQueries::view).toList();
    }

    /** The view of one entry of the outbox: delivered, failing (tried and failed at least once) or pending. */
    static NotificationView view(NotificationOutbox.Entry entry) {
        Notification notification = entry.notification();
        String status = entry.delivered() ? "DELIVERED" : entry.attempts() > 0 ? "FAILING" : "PENDING";
        return new NotificationView(notification.notificationId(), notification.kind().name(),
                notification.channel().name(), notification.recipient(), status, entry.attempts(),
                entry.lastError(), entry.failureRecorded(), notification.occurredAt(), entry.lastAttemptAt(),
                entry.delivered() ? null : entry.nextAttemptAt(), entry.deliveredAt());
    }
}
