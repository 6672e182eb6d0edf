package io.incidentledger.alerting;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.incidentledger.alerting.AlertingProperties.Recipient;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Mail through Spring's {@link JavaMailSender}, i.e. the SMTP server of {@code spring.mail.*}. The Message-ID is
 * derived from the notification id, so a mail sent again after an uncertain attempt is the same message to the
 * recipient's mail system.
 */
public class MailChannel implements NotificationChannel {

    private final JavaMailSender sender;
    private final String from;
    private final URI baseUrl;

    public MailChannel(JavaMailSender sender, String from, URI baseUrl) {
        this.sender = sender;
        this.from = from;
        this.baseUrl = baseUrl;
    }

    /**
     * JavaMail waits forever for a server that accepts the connection and says nothing; a dispatcher stuck there
     * would send nothing else. Sets {@code timeout} for connecting, reading and writing unless
     * {@code spring.mail.properties} already says.
     */
    public static void limitWaiting(JavaMailSender sender, Duration timeout) {
        if (sender instanceof JavaMailSenderImpl impl) {
            Properties properties = impl.getJavaMailProperties();
            String millis = Long.toString(timeout.toMillis());
            for (String protocol : new String[] {"smtp", "smtps"}) {
                for (String setting : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
                    properties.putIfAbsent("mail." + protocol + "." + setting, millis);
                }
            }
            // setting them again drops a session made before with the old ones
            impl.setJavaMailProperties(properties);
        }
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
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(recipient.mail());
            helper.setSubject(NotificationText.subject(notification));
            helper.setText(NotificationText.body(notification, baseUrl));
            message.setHeader("Message-ID", messageId(notification));
            message.setHeader("X-IncidentLedger-Notification", notification.notificationId());
        } catch (MessagingException invalid) {
            throw new DeliveryException("the mail for recipient " + recipient.name()
                    + " cannot be built: the sender or recipient address is not valid");
        }
        try {
            sender.send(message);
        } catch (MailAuthenticationException refused) {
            throw new DeliveryException("the SMTP server refused our credentials");
        } catch (MailException failed) {
            throw new DeliveryException(describe(failed));
        }
    }

    /** {@code <notification-id@host-of-base-url>}. */
    String messageId(Notification notification) {
        String host = baseUrl.getHost() == null ? "incident-ledger.local" : baseUrl.getHost();
        return "<" + notification.notificationId() + "@" + host + ">";
    }

    /** What went wrong, without the server's own words: they may quote the recipient's address. */
    static String describe(MailException failure) {
        List<Throwable> failures = new ArrayList<>(List.of(failure));
        if (failure instanceof MailSendException perMessage) {
            // a message the server refused carries its reason here, not as the cause
            failures.addAll(List.of(perMessage.getMessageExceptions()));
        }
        for (Throwable each : failures) {
            Throwable cause = each;
            for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
                if (cause instanceof ConnectException || cause instanceof UnknownHostException
                        || cause instanceof NoRouteToHostException) {
                    return "cannot reach the SMTP server (" + cause.getClass().getSimpleName() + ")";
                }
                if (cause instanceof SocketTimeoutException) {
                    return "the SMTP server did not answer in time";
                }
                if (cause instanceof SendFailedException) {
                    return "the SMTP server refused the message or its recipient";
                }
            }
        }
        return "sending the mail failed (" + failure.getClass().getSimpleName() + ")";
    }
}
