package io.incidentledger.incident.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.incidentledger.alerting.api.NotificationDelivered;
import io.incidentledger.alerting.api.NotificationDeliveryFailed;
import io.incidentledger.alerting.api.RecordNotificationDelivered;
import io.incidentledger.alerting.api.RecordNotificationDeliveryFailed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * What the incident records of its notifications' delivery. Deliveries are recorded whatever the incident's status:
 * a closing notice can fail too. Each notification's failure is recorded once, and its late delivery once, however
 * often the notifier repeats itself.
 *
 * <p>Its state is a field of the incident's snapshot, hence the field access for Jackson.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class NotificationReceipts {

    /** Notifications recorded as failing: still failing (true), or delivered in the end (false). */
    private final Map<String, Boolean> failing = new HashMap<>();

    @CommandHandler
    void handle(RecordNotificationDeliveryFailed command) {
        if (failing.containsKey(command.notificationId())) {
            return;
        }
        apply(new NotificationDeliveryFailed(command.incidentId(), command.notificationId(), command.kind(),
                command.channel(), command.recipient(), command.attempts(), command.error()));
    }

    @CommandHandler
    void handle(RecordNotificationDelivered command) {
        if (!Boolean.TRUE.equals(failing.get(command.notificationId()))) {
            return;
        }
        apply(new NotificationDelivered(command.incidentId(), command.notificationId(), command.channel(),
                command.recipient(), command.attempts()));
    }

    @EventSourcingHandler
    void on(NotificationDeliveryFailed event) {
        failing.put(event.notificationId(), true);
    }

    @EventSourcingHandler
    void on(NotificationDelivered event) {
        failing.put(event.notificationId(), false);
    }
}
