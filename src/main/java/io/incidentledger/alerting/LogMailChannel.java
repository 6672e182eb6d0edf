package io.incidentledger.alerting;

import java.net.URI;

import io.incidentledger.alerting.AlertingProperties.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Mail to the log": the embedded default has no SMTP server ({@code spring.mail.host} unset), so each mail is
 * written to the log at INFO instead, and counts as delivered.
 */
public class LogMailChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(LogMailChannel.class);

    private final URI baseUrl;

    public LogMailChannel(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Channel channel() {
        return Channel.MAIL;
    }

    @Override
    public void send(Notification notification, Recipient recipient) throws DeliveryException {
        if (recipient.mail() == null) {
            throw new DeliveryException("recipient " + recipient.name() + " has no mail address configured");
        }
        log.info("Mail to the log (no SMTP server configured) for {} <{}>: {} {}", recipient.name(),
                recipient.mail(), NotificationText.subject(notification),
                NotificationText.link(baseUrl, notification.incidentId()));
    }
}
