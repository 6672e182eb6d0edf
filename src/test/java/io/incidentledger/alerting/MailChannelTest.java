package io.incidentledger.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/** What a mail says, and what a failed one leaves on record: the server's words may quote the address. */
class MailChannelTest {

    private static final IncidentId INCIDENT = new IncidentId("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");

    @Test
    void aRefusedRecipientIsRecordedWithoutTheServersWords() {
        MailSendException refused = new MailSendException(Map.of("message",
                new SendFailedException("550 5.1.1 <alice@corp.example>: Recipient address rejected")));

        assertThat(MailChannel.describe(refused)).isEqualTo("the SMTP server refused the message or its recipient");
    }

    @Test
    void anUnreachableServerIsNamedAsSuch() {
        MessagingException connect = new MessagingException("Couldn't connect to host smtp.corp.example, port 25",
                new ConnectException("Connection refused"));

        assertThat(MailChannel.describe(new MailSendException("Mail server connection failed", connect)))
                .isEqualTo("cannot reach the SMTP server (ConnectException)");
    }

    @Test
    void anyOtherFailureGivesOnlyItsType() {
        assertThat(MailChannel.describe(new MailSendException("535 alice@corp.example is over quota")))
                .isEqualTo("sending the mail failed (MailSendException)");
    }

    @Test
    void theSubjectIsOneLineWhateverTheTitleHolds() {
        Notification notification = new Notification("0f1e2d3c-4b5a-3968-8776-655443322110", INCIDENT, "event-1",
                NotificationKind.DEADLINE_MISSED, Channel.MAIL, "commanders", "Key leak\r\nBcc: victim@example.com",
                Severity.CRITICAL, Category.KEY_COMPROMISE, "The deadline passed.", Instant.EPOCH);

        assertThat(NotificationText.subject(notification)).isEqualTo("[CRITICAL] Deadline missed: Key leak Bcc: "
                + "victim@example.com (" + INCIDENT + ")");
        assertThat(NotificationText.body(notification, URI.create("https://ledger.example/")))
                .contains("https://ledger.example/api/incidents/" + INCIDENT)
                .contains("Title:    Key leak Bcc: victim@example.com\n");
    }
}
