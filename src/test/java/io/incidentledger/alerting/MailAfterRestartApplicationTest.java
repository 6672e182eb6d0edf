package io.incidentledger.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.testing.ApiClient;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A mail that could not be sent before the application stopped is sent by the next start on the same database:
 * the delivery state lives in the outbox table, not in memory.
 */
class MailAfterRestartApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final int smtpPort = freePort();
    private final String database = "jdbc:h2:mem:alerting-restart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private ConfigurableApplicationContext application;
    private GreenMail smtp;

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aMailThatFailedBeforeARestartIsSentOnceAfterIt() {
        application = start();
        ApiClient.Response reported = api().post("responder", "/api/incidents", """
                {"title":"Customer records exposed","severity":"HIGH","category":"DATA_BREACH"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().path("incidentId").asString();
        JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
        await().atMost(WAIT).until(() -> jdbc.queryForList(
                "SELECT attempts, delivered_at FROM notification_outbox WHERE incident_id = ?", id), rows ->
                rows.size() == 2 && rows.stream().allMatch(row -> ((Number) row.get("attempts")).intValue() >= 1
                        && row.get("delivered_at") == null));
        application.close();

        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        application = start();

        List<MimeMessage> mails = await().atMost(WAIT).until(() -> mailsAbout(id), list -> list.size() >= 2);
        JdbcTemplate afterRestart = application.getBean(JdbcTemplate.class);
        await().atMost(WAIT).until(() -> afterRestart.queryForList(
                "SELECT delivered_at FROM notification_outbox WHERE incident_id = ?", id), rows ->
                rows.stream().allMatch(row -> row.get("delivered_at") != null));
        assertThat(mails).hasSize(2);
        assertThat(mailsAbout(id)).hasSize(2);
        List<Map<String, Object>> rows = afterRestart.queryForList(
                "SELECT attempts FROM notification_outbox WHERE incident_id = ?", id);
        assertThat(rows).allSatisfy(row -> assertThat(((Number) row.get("attempts")).intValue()).isGreaterThan(1));
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(IncidentLedgerApplication.class).run(
                "--spring.profiles.active=demo", "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=" + database,
                "--incident-ledger.ledger.signing-key-file=target/test-ledger/alerting/signing.key",
                "--incident-ledger.ledger.witness-file=target/test-ledger/alerting/witness-" + UUID.randomUUID()
                        + ".checkpoint",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                "--incident-ledger.alerting.mail.timeout=2s",
                "--incident-ledger.alerting.delivery.poll-interval=100ms",
                "--incident-ledger.alerting.delivery.initial-backoff=200ms",
                "--incident-ledger.alerting.delivery.max-backoff=400ms",
                "--incident-ledger.alerting.delivery.failure-threshold=1000");
    }

    private ApiClient api() {
        return new ApiClient(((WebServerApplicationContext) application).getWebServer().getPort());
    }

    private List<MimeMessage> mailsAbout(String incidentId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                return mail.getSubject().contains(incidentId);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
