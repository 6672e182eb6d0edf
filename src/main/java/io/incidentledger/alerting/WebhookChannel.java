package io.incidentledger.alerting;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.incidentledger.alerting.AlertingProperties.Recipient;
import io.incidentledger.alerting.AlertingProperties.Webhook;
import io.incidentledger.outbound.SignedWebhook;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a notification as JSON to the recipient's webhook through {@link SignedWebhook}: signed with the webhook's
 * secret and a timestamp, with the notification id as {@code Idempotency-Key} on every attempt, so the receiver acts
 * once however often it is retried. A 2xx answer is delivery; anything else is tried again later.
 */
public class WebhookChannel implements NotificationChannel {

    private final AlertingProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, SignedWebhook> clients = new ConcurrentHashMap<>();

    public WebhookChannel(AlertingProperties properties, Clock clock, JsonMapper json) {
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    /** The JSON body: the notification and the incident it is about (documented in {@code docs/alerting.md}). */
    public record Body(String notificationId, String kind, String recipient, String occurredAt, String summary,
                       IncidentPart incident) {
    }

    /** The incident a webhook notification is about. */
    public record IncidentPart(String id, String title, String severity, String category, String link) {
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(Notification notification, Recipient recipient) throws DeliveryException {
        if (recipient.webhook() == null) {
            throw new DeliveryException("recipient " + recipient.name() + " has no webhook configured");
        }
        Webhook webhook = properties.webhook(recipient.webhook()).orElseThrow(
                () -> new DeliveryException("no webhook named " + recipient.webhook() + " is configured"));
        SignedWebhook client = clients.computeIfAbsent(recipient.webhook(),
                name -> new SignedWebhook(webhook.timeout(), clock));
        SignedWebhook.Response response;
        try {
            response = client.post(webhook.url(), webhook.secret(), notification.notificationId(),
                    body(notification), webhook.timeout());
        } catch (SignedWebhook.Unreachable unreachable) {
            // names host and port only, never the path or query
            throw new DeliveryException(unreachable.getMessage());
        }
        if (!response.isSuccess()) {
            throw new DeliveryException("webhook " + recipient.webhook() + " answered HTTP " + response.status());
        }
    }

    String body(Notification notification) {
        IncidentPart incident = new IncidentPart(notification.incidentId().value(), notification.title(),
                name(notification.severity()), name(notification.category()),
                NotificationText.link(properties.baseUrl(), notification.incidentId()));
        return json.writeValueAsString(new Body(notification.notificationId(), notification.kind().name(),
                notification.recipient(), notification.occurredAt().toString(), notification.summary(), incident));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
