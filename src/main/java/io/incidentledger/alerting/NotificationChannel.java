package io.incidentledger.alerting;

import io.incidentledger.alerting.AlertingProperties.Recipient;

/** A way of delivering a notification: mail or webhook. */
public interface NotificationChannel {

    Channel channel();

    /**
     * Delivers the notification to the recipient, once.
     *
     * @throws DeliveryException when it did not arrive; the dispatcher tries again later
     */
    void send(Notification notification, Recipient recipient) throws DeliveryException;
}
