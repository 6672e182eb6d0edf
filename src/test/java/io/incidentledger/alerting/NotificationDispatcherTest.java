package io.incidentledger.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.incidentledger.alerting.AlertingProperties.Delivery;
import io.incidentledger.alerting.AlertingProperties.Mail;
import io.incidentledger.alerting.AlertingProperties.Recipient;
import io.incidentledger.alerting.AlertingProperties.Webhook;
import io.incidentledger.alerting.NotificationOutbox.Entry;
import io.incidentledger.alerting.api.RecordNotificationDelivered;
import io.incidentledger.alerting.api.RecordNotificationDeliveryFailed;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.testing.ManualClock;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatcher against a real HTTP receiver and the real outbox table (H2): retries with backoff, the same
 * idempotency key on every attempt, the failure recorded on the incident once, claims between nodes and restarts.
 */
class NotificationDispatcherTest {

    private static final String SECRET = "whsec-8c1f2e9a7b3d";
    private static final IncidentId INCIDENT = new IncidentId("2c9e4d71-3b5a-4f0e-9a8d-7c6b5a4f3e2d");
    private static final Instant START = Instant.parse("2026-03-01T10:15:30Z");
    private static final Delivery DELIVERY = new Delivery(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(10), 3, Duration.ofMinutes(2));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // first: a skipped PostgreSQL run then starts no receiver that nothing would stop
    final JdbcTemplate jdbc = database();
    private final WebhookReceiver receiver = new WebhookReceiver(SECRET);
    private final ManualClock clock = new ManualClock(START);
    private final AlertingProperties properties = properties(receiver.url());
    private final List<CommandMessage<?>> commandsSent = new CopyOnWriteArrayList<>();
    private final AtomicInteger commandFailuresToCome = new AtomicInteger();
    private final CommandGateway commands = recordingGateway();

    NotificationDispatcherTest() throws IOException {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        dropDatabase(jdbc);
    }

    JdbcTemplate database() {
        return AlertingDatabase.migrated();
    }

    void dropDatabase(JdbcTemplate database) {
    }

    /** How a blip of this database breaks a connection: H2 in memory has no server to lose, so it is closed. */
    void breakConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Test
    void aWebhookAnswering500IsRetriedWithTheSameSignedIdempotencyKeyAndDeliveredOnce() {
        receiver.answerNext(500);
        Notification notification = enqueue("pager-duty");
        NotificationDispatcher dispatcher = dispatcher();

        dispatcher.dispatchDue();
        assertThat(entry(notification)).satisfies(entry -> {
            assertThat(entry.delivered()).isFalse();
            assertThat(entry.attempts()).isEqualTo(1);
            assertThat(entry.lastError()).isEqualTo("webhook pager answered HTTP 500");
            assertThat(entry.nextAttemptAt()).isEqualTo(START.plus(DELIVERY.initialBackoff()));
        });
        dispatcher.dispatchDue();
        assertThat(receiver.received()).as("nothing is sent again before the backoff has passed").hasSize(1);

        clock.advance(DELIVERY.initialBackoff());
        dispatcher.dispatchDue();
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchDue();

        assertThat(receiver.received()).hasSize(2).allSatisfy(request -> {
            assertThat(request.signatureValid()).isTrue();
            assertThat(request.idempotencyKey()).isEqualTo(notification.notificationId());
        });
        assertThat(entry(notification).delivered()).isTrue();
        assertThat(entry(notification).attempts()).isEqualTo(2);
        JsonNode body = JSON.readTree(receiver.received().get(1).body());
        assertThat(body.path("notificationId").asString()).isEqualTo(notification.notificationId());
        assertThat(body.path("kind").asString()).isEqualTo("INCIDENT_REPORTED");
        assertThat(body.path("incident").path("id").asString()).isEqualTo(INCIDENT.value());
        assertThat(body.path("incident").path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(body.path("incident").path("link").asString())
                .isEqualTo("https://ledger.example/api/incidents/" + INCIDENT);
        assertThat(commandsSent).as("a failure below the threshold is not recorded on the incident").isEmpty();
    }

    @Test
    void afterTheThresholdTheFailureIsRecordedOnceWithoutAddressAndTheLateDeliveryToo() {
        receiver.answerAfterwards(503);
        Notification notification = enqueue("pager-duty");
        NotificationDispatcher dispatcher = dispatcher();

        for (int attempt = 1; attempt <= 5; attempt++) {
            dispatcher.dispatchDue();
            clock.advance(DELIVERY.maxBackoff());
        }

        assertThat(receiver.received()).hasSize(5);
        assertThat(commandsSent).singleElement().satisfies(message -> {
            assertThat(message.getPayload()).isEqualTo(new RecordNotificationDeliveryFailed(INCIDENT,
                    notification.notificationId(), "INCIDENT_REPORTED", "WEBHOOK", "pager-duty", 3,
                    "webhook pager answered HTTP 503"));
            assertThat(message.getPayload().toString()).doesNotContain("@", "127.0.0.1", "t0k3n", SECRET);
            assertThat(message.getMetaData()).containsEntry(ActorMetadata.ACTOR, NotificationDispatcher.ACTOR)
                    .containsEntry(ActorMetadata.ACTOR_TYPE, "SERVICE");
        });
        assertThat(entry(notification).failureRecorded()).isTrue();

        receiver.answerAfterwards(200);
        dispatcher.dispatchDue();
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchDue();

        assertThat(receiver.received()).hasSize(6);
        assertThat(commandsSent).hasSize(2);
        assertThat(commandsSent.get(1).getPayload()).isEqualTo(new RecordNotificationDelivered(INCIDENT,
                notification.notificationId(), "WEBHOOK", "pager-duty", 6));
        assertThat(entry(notification).deliveryRecorded()).isTrue();
        assertThat(entry(notification).nextAttemptAt()).isNull();
    }

    @Test
    void aFailureTheIncidentCouldNotTakeIsRecordedAfterTheNextFailedAttempt() {
        receiver.answerAfterwards(500);
        commandFailuresToCome.set(1);
        Notification notification = enqueue("pager-duty");
        NotificationDispatcher dispatcher = dispatcher();

        for (int attempt = 1; attempt <= 5; attempt++) {
            dispatcher.dispatchDue();
            clock.advance(DELIVERY.maxBackoff());
        }

        assertThat(commandsSent).extracting(message -> ((RecordNotificationDeliveryFailed) message.getPayload())
                .attempts()).as("the refused attempt at 3 is not on the incident; the one at 4 is, and no more")
                .containsExactly(4);
        assertThat(entry(notification).failureRecorded()).isTrue();
    }

    @Test
    void aNotificationPendingBeforeARestartIsDeliveredByTheNextDispatcherOnTheSameDatabase() {
        receiver.answerAfterwards(500);
        Notification notification = enqueue("pager-duty");
        for (int attempt = 1; attempt <= 3; attempt++) {
            dispatcher().dispatchDue();
            clock.advance(DELIVERY.maxBackoff());
        }
        assertThat(commandsSent).hasSize(1);

        receiver.answerAfterwards(200);
        NotificationDispatcher afterRestart = new NotificationDispatcher(new NotificationOutbox(jdbc),
                List.of(new WebhookChannel(properties, clock, JSON)), properties, commands, clock);
        afterRestart.dispatchDue();

        assertThat(entry(notification).delivered()).isTrue();
        assertThat(receiver.received()).hasSize(4)
                .extracting(WebhookReceiver.Received::idempotencyKey).containsOnly(notification.notificationId());
        assertThat(commandsSent).extracting(message -> message.getPayload().getClass().getSimpleName())
                .containsExactly("RecordNotificationDeliveryFailed", "RecordNotificationDelivered");
    }

    @Test
    void twoNodesWorkingTheSameOutboxSendEachNotificationOnce() throws Exception {
        List<Notification> notifications = new ArrayList<>();
        for (int index = 0; index < 40; index++) {
            notifications.add(enqueue("pager-duty"));
        }
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        NotificationChannel slowChannel = new NotificationChannel() {
            @Override
            public Channel channel() {
                return Channel.WEBHOOK;
            }

            @Override
            public void send(Notification notification, Recipient recipient) {
                sends.computeIfAbsent(notification.notificationId(), id -> new AtomicInteger()).incrementAndGet();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> passes = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                NotificationDispatcher dispatcher = new NotificationDispatcher(new NotificationOutbox(jdbc),
                        List.of(slowChannel), properties, commands, clock);
                passes.add(nodes.submit(dispatcher::dispatchDue));
            }
            for (Future<Integer> pass : passes) {
                pass.get();
            }
        } finally {
            nodes.shutdownNow();
        }

        assertThat(sends).hasSize(notifications.size());
        assertThat(sends.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(notifications).allSatisfy(notification -> assertThat(entry(notification).delivered()).isTrue());
    }

    @Test
    void aNotificationClaimedWhenTheDatabaseBlinkedGoesOutAtTheNextPassOnceTheDatabaseIsBack() {
        receiver.answerNext(500);
        Notification notification = enqueue("pager-duty");
        BlippingDataSource database = new BlippingDataSource(jdbc.getDataSource(), this::breakConnection);
        WebhookChannel webhook = new WebhookChannel(properties, clock, JSON);
        AtomicBoolean blinked = new AtomicBoolean();
        NotificationChannel channelDuringBlip = new NotificationChannel() {
            @Override
            public Channel channel() {
                return Channel.WEBHOOK;
            }

            @Override
            public void send(Notification sent, Recipient recipient) throws DeliveryException {
                try {
                    webhook.send(sent, recipient);
                } finally {
                    // the database goes away while the receiver is being called: recording and releasing both fail
                    if (blinked.compareAndSet(false, true)) {
                        database.down();
                    }
                }
            }
        };
        NotificationDispatcher dispatcher = new NotificationDispatcher(new NotificationOutbox(new JdbcTemplate(database)),
                List.of(channelDuringBlip), properties, commands, clock);

        assertThatThrownBy(dispatcher::dispatchDue).isInstanceOf(DataAccessException.class);
        database.up();
        clock.advance(DELIVERY.pollInterval());
        dispatcher.dispatchDue();

        assertThat(receiver.received()).as("sent again one poll after the database came back, not after the "
                + "claim timeout of " + DELIVERY.claimTimeout()).hasSize(2);
        assertThat(entry(notification).delivered()).isTrue();
    }

    @Test
    void aRecipientNoLongerConfiguredKeepsFailingVisibly() {
        Notification notification = enqueue("left-the-company");

        dispatcher().dispatchDue();

        assertThat(entry(notification).lastError()).isEqualTo("recipient left-the-company is no longer configured");
        assertThat(entry(notification).nextAttemptAt()).isNotNull();
    }

    @Test
    void theBackoffDoublesFromTheInitialWaitUpToTheMaximum() {
        assertThat(List.of(1, 2, 3, 4, 5, 60).stream().map(failures -> NotificationDispatcher.backoff(DELIVERY,
                failures).toSeconds())).containsExactly(2L, 4L, 8L, 10L, 10L, 10L);
    }

    private NotificationDispatcher dispatcher() {
        return new NotificationDispatcher(new NotificationOutbox(jdbc),
                List.of(new WebhookChannel(properties, clock, JSON)), properties, commands, clock);
    }

    private Notification enqueue(String recipient) {
        String event = UUID.randomUUID().toString();
        Notification notification = new Notification(NotificationRouting.notificationId(event, Channel.WEBHOOK,
                recipient), INCIDENT, event, NotificationKind.INCIDENT_REPORTED, Channel.WEBHOOK, recipient,
                "Bridge drained", Severity.CRITICAL, Category.SMART_CONTRACT_EXPLOIT, "Reported at CRITICAL.", START);
        new NotificationOutbox(jdbc).add(notification);
        return notification;
    }

    private Entry entry(Notification notification) {
        return new NotificationOutbox(jdbc).find(notification.notificationId()).orElseThrow();
    }

    private CommandGateway recordingGateway() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenAnswer(invocation -> {
            if (commandFailuresToCome.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("command bus unavailable"));
            }
            commandsSent.add(invocation.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        return gateway;
    }

    private static AlertingProperties properties(URI webhookUrl) {
        return new AlertingProperties(URI.create("https://ledger.example"), Severity.HIGH,
                new Mail("ledger@example.com", Duration.ofSeconds(10)),
                List.of(new Recipient("pager-duty", List.of("COMMANDER"), Severity.LOW, 0, null, "pager")),
                Map.of("pager", new Webhook(webhookUrl, SECRET, Duration.ofSeconds(5))), DELIVERY);
    }
}
