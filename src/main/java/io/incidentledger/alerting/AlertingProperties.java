package io.incidentledger.alerting;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.incidentledger.incident.api.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who is told about what, and how notifications are delivered. See {@code docs/alerting.md}.
 *
 * @param baseUrl           where the API is reached from outside; links in notifications start with it
 * @param reportMinSeverity incidents reported at this severity or above are announced
 * @param mail              the sender of notification mails (the SMTP server itself is {@code spring.mail.*})
 * @param recipients        people and systems to notify; names are unique
 * @param webhooks          webhook receivers by name, referenced by recipients
 * @param delivery          how the dispatcher sends and retries
 */
@Validated
@ConfigurationProperties("incident-ledger.alerting")
public record AlertingProperties(@NotNull @DefaultValue("http://localhost:8080") URI baseUrl,
                                 @NotNull @DefaultValue("HIGH") Severity reportMinSeverity,
                                 @NotNull @Valid @DefaultValue Mail mail,
                                 List<@Valid Recipient> recipients,
                                 Map<String, @Valid Webhook> webhooks,
                                 @NotNull @Valid @DefaultValue Delivery delivery) {

    public AlertingProperties {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        webhooks = webhooks == null ? Map.of() : Map.copyOf(webhooks);
        Set<String> names = new HashSet<>();
        for (Recipient recipient : recipients) {
            if (!names.add(recipient.name())) {
                throw new IllegalArgumentException("two alerting recipients are named " + recipient.name());
            }
            if (recipient.webhook() != null && !webhooks.containsKey(recipient.webhook())) {
                throw new IllegalArgumentException("alerting recipient " + recipient.name()
                        + " names webhook " + recipient.webhook() + ", which incident-ledger.alerting.webhooks"
                        + " does not define");
            }
        }
    }

    /** The recipient with this name, if it is still configured. */
    public Optional<Recipient> recipient(String name) {
        return recipients.stream().filter(recipient -> recipient.name().equals(name)).findFirst();
    }

    /** The webhook with this name, if it is configured. */
    public Optional<Webhook> webhook(String name) {
        return Optional.ofNullable(webhooks.get(name));
    }

    /**
     * Mail settings of the notifier.
     *
     * @param from    the sender address of notification mails
     * @param timeout connect, read and write timeout towards the SMTP server, unless {@code spring.mail.properties}
     *                sets its own; JavaMail waits forever by default
     */
    public record Mail(@NotBlank @DefaultValue("incident-ledger@localhost") String from,
                       @NotNull @DefaultValue("10s") Duration timeout) {
    }

    /**
     * One person, list or system to notify.
     *
     * @param name        shown on the incident and in the notifications API instead of the address
     * @param roles       which notification kinds reach the recipient (the table is in {@code docs/alerting.md})
     * @param minSeverity only incidents whose current severity is at least this
     * @param tier        {@code 0}: every notification of the recipient's roles; {@code n >= 1}: only missed
     *                    deadlines that escalated the incident to tier {@code n} or higher
     * @param mail        mail address (personal data: it stays in configuration, never in events or logs of the
     *                    ledger), optional
     * @param webhook     name of a webhook in {@code webhooks}, optional
     */
    public record Recipient(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}",
                                    message = "must be 1 to 100 letters, digits, '.', '_' or '-'") String name,
                            @NotEmpty List<@Pattern(regexp = "RESPONDER|COMMANDER|DETECTOR|REGULATOR|ADMIN")
                                    String> roles,
                            @NotNull @DefaultValue("LOW") Severity minSeverity,
                            @Min(0) @DefaultValue("0") int tier,
                            String mail,
                            String webhook) {

        public Recipient {
            roles = roles == null ? List.of() : List.copyOf(roles);
            minSeverity = minSeverity == null ? Severity.LOW : minSeverity;
            mail = mail == null || mail.isBlank() ? null : mail.strip();
            webhook = webhook == null || webhook.isBlank() ? null : webhook.strip();
            if (mail == null && webhook == null) {
                throw new IllegalArgumentException("alerting recipient " + name + " has neither mail nor webhook");
            }
        }

        /** Whether the recipient holds any of these roles. */
        public boolean hasAnyRole(Set<String> wanted) {
            return roles.stream().anyMatch(wanted::contains);
        }

        @Override
        public String toString() {
            return "Recipient[name=" + name + ", roles=" + roles + ", minSeverity=" + minSeverity + ", tier=" + tier
                    + ", mail=" + (mail == null ? "(none)" : "(set)") + ", webhook=" + webhook + "]";
        }
    }

    /**
     * A webhook receiver. Neither the secret nor the URL (whose path or query may hold a token) is shown by
     * {@link #toString()}.
     *
     * @param url     where notifications are posted
     * @param secret  the HMAC-SHA256 key shared with the receiver
     * @param timeout how long one attempt may take, connecting included
     */
    public record Webhook(@NotNull URI url,
                          @NotBlank String secret,
                          @NotNull @DefaultValue("5s") Duration timeout) {

        public Webhook {
            String scheme = url == null ? null : url.getScheme();
            if (url != null && !"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("an alerting webhook URL must be http or https");
            }
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        }

        @Override
        public String toString() {
            return "Webhook[host=" + (url == null ? null : url.getHost()) + ", secret=(set), timeout=" + timeout + "]";
        }
    }

    /**
     * How the dispatcher works through the outbox.
     *
     * @param pollInterval     how often it looks for notifications that are due
     * @param initialBackoff   the wait after the first failed attempt; it doubles with each further failure
     * @param maxBackoff       the longest wait between two attempts
     * @param failureThreshold after this many failed attempts the failure is recorded on the incident, once;
     *                         attempts go on
     * @param claimTimeout     how long a node may hold a notification it is sending before another node may take
     *                         it over; longer than any one attempt
     */
    public record Delivery(@NotNull @DefaultValue("1s") Duration pollInterval,
                           @NotNull @DefaultValue("2s") Duration initialBackoff,
                           @NotNull @DefaultValue("5m") Duration maxBackoff,
                           @Positive @DefaultValue("3") int failureThreshold,
                           @NotNull @DefaultValue("2m") Duration claimTimeout) {
    }
}
