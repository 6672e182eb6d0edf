package io.incidentledger.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.incidentledger.testing.ApiClient;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application mailing through a real SMTP server in the test (GreenMail), with the recipients of
 * {@code application.yml}: an incident reported at HIGH arrives by mail; while the server is down the mail waits, the
 * failure is recorded on the incident, and the mail arrives once when the server is back; starting the processor on
 * events it has not seen announces none of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:alerting-mail;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/alerting/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/alerting/witness-${random.uuid}.checkpoint",
        "spring.mail.host=127.0.0.1",
        "incident-ledger.alerting.base-url=https://ledger.example",
        "incident-ledger.alerting.mail.from=ledger@ledger.example",
        "incident-ledger.alerting.mail.timeout=2s",
        "incident-ledger.alerting.delivery.poll-interval=100ms",
        "incident-ledger.alerting.delivery.initial-backoff=200ms",
        "incident-ledger.alerting.delivery.max-backoff=400ms",
        "incident-ledger.alerting.delivery.failure-threshold=3"
})
class MailNotificationApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int SMTP_PORT = freePort();
    private static GreenMail smtp;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startSmtp() {
        smtp = startedSmtp();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void anIncidentReportedAtHighArrivesByMailWithItsIdSeverityAndLink() throws MessagingException {
        ApiClient api = new ApiClient(port);
        String id = report(api, "HIGH");

        List<MimeMessage> mails = awaitMails(id, 2);

        assertThat(mails).flatExtracting(mail -> Arrays.asList(mail.getRecipients(Message.RecipientType.TO)))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("responders@example.com", "commanders@example.com");
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("[HIGH] Incident reported: Customer database exposed (" + id + ")");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("ledger@ledger.example");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("Incident: " + id, "Severity: HIGH", "Category: DATA_BREACH",
                "Reported at HIGH as DATA_BREACH: backup bucket readable by anyone.",
                "https://ledger.example/api/incidents/" + id);

        JsonNode notifications = awaitNotifications(api, id, list -> list.size() == 2
                && allHaveStatus(list, "DELIVERED"));
        assertThat(notifications).allSatisfy(notification -> {
            assertThat(notification.path("kind").asString()).isEqualTo("INCIDENT_REPORTED");
            assertThat(notification.path("channel").asString()).isEqualTo("MAIL");
            assertThat(notification.path("attempts").asInt()).isEqualTo(1);
            assertThat(notification.path("deliveredAt").isNull()).isFalse();
        });
        assertThat(notifications.toString()).doesNotContain("example.com");
        String notificationId = notifications.get(0).path("notificationId").asString();
        String recipient = notifications.get(0).path("recipient").asString();
        MimeMessage sameNotification = mails.stream()
                .filter(each -> address(each).startsWith(recipient + "@")).findFirst().orElseThrow();
        assertThat(sameNotification.getMessageID()).isEqualTo("<" + notificationId + "@ledger.example>");
    }

    @Test
    void whileTheSmtpServerIsDownTheMailWaitsAndArrivesOnceWhenItIsBack() throws Exception {
        ApiClient api = new ApiClient(port);
        smtp.stop();
        String id;
        try {
            id = report(api, "CRITICAL");

            JsonNode failing = awaitNotifications(api, id, list -> list.size() == 2
                    && list.findValues("attempts").stream().allMatch(attempts -> attempts.asInt() >= 4));
            assertThat(failing).allSatisfy(notification -> {
                assertThat(notification.path("status").asString()).isEqualTo("FAILING");
                assertThat(notification.path("lastError").asString())
                        .isEqualTo("cannot reach the SMTP server (ConnectException)");
                assertThat(notification.path("failureRecorded").asBoolean()).isTrue();
            });
            List<String> failures = awaitTimeline(api, id, "NotificationDeliveryFailed", 2);
            assertThat(failures).containsExactlyInAnyOrder(
                    "Notification INCIDENT_REPORTED to responders by MAIL failing after 3 attempt(s): cannot reach "
                            + "the SMTP server (ConnectException)",
                    "Notification INCIDENT_REPORTED to commanders by MAIL failing after 3 attempt(s): cannot reach "
                            + "the SMTP server (ConnectException)");
        } finally {
            // the other tests need the server, whatever happened here
            smtp = startedSmtp();
        }

        List<MimeMessage> mails = awaitMails(id, 2);
        awaitNotifications(api, id, list -> allHaveStatus(list, "DELIVERED"));
        Thread.sleep(1000);

        assertThat(mailsAbout(id)).as("each recipient gets the mail once").hasSize(2);
        assertThat(mails).extracting(MailNotificationApplicationTest::address)
                .containsExactlyInAnyOrder("responders@example.com", "commanders@example.com");
        assertThat(awaitTimeline(api, id, "NotificationDelivered", 2))
                .allSatisfy(summary -> assertThat(summary).matches("Notification to (responders|commanders) by MAIL "
                        + "delivered after \\d+ attempt\\(s\\)"));
        assertThat(timeline(api, id, "NotificationDeliveryFailed")).as("each failure recorded once").hasSize(2);
        assertThat(api.get("responder", "/api/incidents/" + id).body()).doesNotContain("example.com");
    }

    @Test
    void aPlaybooksNotifyStepArrivesByMailAndItsExecutionIsNotAnnouncedAgain() throws Exception {
        ApiClient api = new ApiClient(port);
        String id = report(api, "HIGH", "KEY_COMPROMISE");

        awaitNotifications(api, id, list -> list.size() == 4 && allHaveStatus(list, "DELIVERED"));
        Thread.sleep(1000);

        JsonNode notifications = awaitNotifications(api, id, list -> true);
        assertThat(notifications).extracting(notification -> notification.path("kind").asString() + " "
                + notification.path("recipient").asString()).containsExactlyInAnyOrder(
                "INCIDENT_REPORTED responders", "INCIDENT_REPORTED commanders",
                "PLAYBOOK_NOTICE responders", "PLAYBOOK_NOTICE commanders");
        List<MimeMessage> notices = mailsAbout(id).stream()
                .filter(mail -> subject(mail).startsWith("[HIGH] Playbook notice: ")).toList();
        assertThat(notices).hasSize(2);
        assertThat(GreenMailUtil.getBody(notices.get(0))).contains("Playbook key-compromise asks to alert you");
    }

    @Test
    void anIncidentReportedBelowTheReportSeverityIsListedWithNoNotification() {
        ApiClient api = new ApiClient(port);
        String id = report(api, "MEDIUM");

        JsonNode notifications = awaitNotifications(api, id, list -> true);

        assertThat(notifications).isEmpty();
        assertThat(mailsAbout(id)).isEmpty();
    }

    @Test
    void theNotificationsOfAnUnknownIncidentAreNotFound() {
        ApiClient api = new ApiClient(port);

        ApiClient.Response unknown = api.get("regulator", "/api/incidents/7d1b2c3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
                + "/notifications");
        ApiClient.Response notAnId = api.get("responder", "/api/incidents/not-an-id/notifications");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.code()).isEqualTo("incident-not-found");
        assertThat(notAnId.status()).isEqualTo(404);
        assertThat(api.get("detector", "/api/incidents/7d1b2c3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d/notifications")
                .status()).isEqualTo(403);
        assertThat(api.get(null, "/api/incidents/7d1b2c3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d/notifications").status())
                .isEqualTo(401);
    }

    @Test
    void aProcessorStartingOnEventsItHasNotSeenAnnouncesNoneOfThem() {
        ApiClient api = new ApiClient(port);
        String earlier = report(api, "HIGH");
        awaitMails(earlier, 2);
        TrackingEventProcessor processor = eventProcessing
                .eventProcessor(NotificationProcessor.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();

        // as on the first start of this version on an existing store: no token, no facts, no outbox
        processor.shutDown();
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", NotificationProcessor.PROCESSING_GROUP);
        jdbc.update("DELETE FROM notification_outbox");
        jdbc.update("DELETE FROM alerting_containment_step");
        jdbc.update("DELETE FROM alerting_incident");
        processor.start();
        String later = report(api, "HIGH");

        awaitMails(later, 2);
        assertThat(awaitNotifications(api, earlier, list -> true)).as("facts rebuilt, nothing sent").isEmpty();
        assertThat(mailsAbout(earlier)).hasSize(2);
    }

    /** Reports a DATA_BREACH incident: no playbook acts on that category, so the report is all there is to tell. */
    private static String report(ApiClient api, String severity) {
        return report(api, severity, "DATA_BREACH");
    }

    private static String report(ApiClient api, String severity, String category) {
        ApiClient.Response response = api.post("responder", "/api/incidents", """
                {"title":"Customer database exposed","description":"backup bucket readable by anyone",
                 "severity":"%s","category":"%s"}""".formatted(severity, category));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("incidentId").asString();
    }

    private static JsonNode awaitNotifications(ApiClient api, String id,
                                               java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            ApiClient.Response response = api.get("responder", "/api/incidents/" + id + "/notifications");
            return response.status() == 200 ? response.json() : null;
        }, list -> list != null && condition.test(list));
    }

    /** The summaries of the incident's timeline entries of this event type, once there are {@code count}. */
    private static List<String> awaitTimeline(ApiClient api, String id, String type, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> timeline(api, id, type), summaries -> summaries.size() >= count);
    }

    private static List<String> timeline(ApiClient api, String id, String type) {
        ApiClient.Response response = api.get("responder", "/api/incidents/" + id);
        if (response.status() != 200) {
            return List.of();
        }
        return response.json().path("timeline").valueStream()
                .filter(entry -> entry.path("type").asString().equals(type))
                .map(entry -> entry.path("summary").asString()).toList();
    }

    private static boolean allHaveStatus(JsonNode list, String status) {
        return list.findValues("status").stream().allMatch(value -> value.asString().equals(status));
    }

    private static List<MimeMessage> awaitMails(String incidentId, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> mailsAbout(incidentId), mails -> mails.size() >= count);
    }

    private static List<MimeMessage> mailsAbout(String incidentId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> subject(mail).contains(incidentId)).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String address(MimeMessage mail) {
        try {
            return mail.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail startedSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
