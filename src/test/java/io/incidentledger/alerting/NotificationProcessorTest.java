package io.incidentledger.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.incidentledger.alerting.AlertingProperties.Delivery;
import io.incidentledger.alerting.AlertingProperties.Mail;
import io.incidentledger.alerting.AlertingProperties.Recipient;
import io.incidentledger.alerting.NotificationOutbox.Entry;
import io.incidentledger.alerting.api.DeadlineApproaching;
import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.DeadlineMissed;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentTriaged;
import io.incidentledger.incident.api.Severity;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which incident events become which outbox rows, on the real tables (H2). */
class NotificationProcessorTest {

    private static final IncidentId INCIDENT = new IncidentId("0b7d3c1a-2e4f-4a6b-8c9d-1e2f3a4b5c6d");
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");
    private static final AffectedAsset HOT_KEY = new AffectedAsset(AssetType.SIGNING_KEY, "hot-wallet-1", "ethereum");
    private static final ReplayStatus LIVE = ReplayStatus.REGULAR;

    private static final AlertingProperties PROPERTIES = new AlertingProperties(URI.create("https://ledger.example"),
            Severity.HIGH, new Mail("ledger@example.com", Duration.ofSeconds(10)), List.of(
            new Recipient("responders", List.of("RESPONDER"), Severity.LOW, 0, "responders@example.com", null),
            new Recipient("commanders", List.of("COMMANDER"), Severity.MEDIUM, 0, "commanders@example.com", null),
            new Recipient("security-lead", List.of("COMMANDER"), Severity.LOW, 1, "lead@example.com", null)),
            Map.of(), new Delivery(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5), 3,
            Duration.ofMinutes(2)));

    private final JdbcTemplate jdbc = AlertingDatabase.migrated();
    private final AlertingIncidents incidents = new AlertingIncidents(jdbc);
    private final NotificationOutbox outbox = new NotificationOutbox(jdbc);
    private final NotificationProcessor processor = new NotificationProcessor(incidents,
            new NotificationRouting(PROPERTIES), outbox);

    @Test
    void aHighIncidentReportedIsAnnouncedToRespondersAndCommandersWithItsFacts() {
        String event = report(Severity.HIGH);

        assertThat(outbox.ofIncident(INCIDENT)).extracting(entry -> entry.notification().recipient(),
                entry -> entry.notification().kind(), entry -> entry.notification().channel()).containsExactly(
                tuple("commanders", NotificationKind.INCIDENT_REPORTED, Channel.MAIL),
                tuple("responders", NotificationKind.INCIDENT_REPORTED, Channel.MAIL));
        Entry entry = outbox.ofIncident(INCIDENT).get(0);
        assertThat(entry.notification().notificationId())
                .isEqualTo(NotificationRouting.notificationId(event, Channel.MAIL, "commanders"));
        assertThat(entry.notification().title()).isEqualTo("Hot wallet drained");
        assertThat(entry.notification().severity()).isEqualTo(Severity.HIGH);
        assertThat(entry.notification().category()).isEqualTo(Category.KEY_COMPROMISE);
        assertThat(entry.notification().summary()).isEqualTo("Reported at HIGH as KEY_COMPROMISE: 400 ETH left.");
        assertThat(entry.notification().occurredAt()).isEqualTo(AT);
        assertThat(entry.attempts()).isZero();
        assertThat(entry.nextAttemptAt()).isEqualTo(AT);
    }

    @Test
    void anIncidentReportedBelowTheReportSeverityIsNotAnnouncedButRemembered() {
        report(Severity.MEDIUM);

        assertThat(outbox.ofIncident(INCIDENT)).isEmpty();
        assertThat(incidents.facts(INCIDENT)).hasValueSatisfying(facts ->
                assertThat(facts.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void theSameEventHandledAgainAddsNothing() {
        IncidentReported reported = reported(Severity.CRITICAL);
        String event = UUID.randomUUID().toString();

        processor.on(reported, event, AT, LIVE);
        processor.on(reported, event, AT, LIVE);

        assertThat(outbox.ofIncident(INCIDENT)).hasSize(2);
    }

    @Test
    void aReplayRebuildsTheFactsButWritesNoNotification() {
        processor.on(reported(Severity.CRITICAL), UUID.randomUUID().toString(), AT, ReplayStatus.REPLAY);
        processor.on(new IncidentEscalated(INCIDENT, Severity.HIGH, Severity.CRITICAL, "spreading"),
                UUID.randomUUID().toString(), AT, ReplayStatus.REPLAY);

        assertThat(outbox.ofIncident(INCIDENT)).isEmpty();
        assertThat(incidents.exists(INCIDENT)).isTrue();
    }

    @Test
    void aResetForgetsTheFactsButKeepsTheDeliveries() {
        report(Severity.HIGH);

        processor.reset();

        assertThat(incidents.exists(INCIDENT)).isFalse();
        assertThat(outbox.ofIncident(INCIDENT)).hasSize(2);
    }

    @Test
    void anEscalationReachesCommandersWithTheNewSeverity() {
        report(Severity.LOW);

        processor.on(new IncidentEscalated(INCIDENT, Severity.LOW, Severity.MEDIUM, "more wallets affected"),
                UUID.randomUUID().toString(), AT, LIVE);

        assertThat(outbox.ofIncident(INCIDENT)).singleElement().satisfies(entry -> {
            assertThat(entry.notification().recipient()).isEqualTo("commanders");
            assertThat(entry.notification().kind()).isEqualTo(NotificationKind.INCIDENT_ESCALATED);
            assertThat(entry.notification().severity()).isEqualTo(Severity.MEDIUM);
            assertThat(entry.notification().summary())
                    .isEqualTo("Severity raised from LOW to MEDIUM: more wallets affected.");
        });
    }

    @Test
    void theSeverityFilterFollowsTheIncidentsCurrentSeverity() {
        report(Severity.LOW);
        requestStep("step-1", ContainmentStepAction.REVOKE_KEY, false);
        processor.on(new ContainmentStepExecuted(INCIDENT, "step-1", "dry-run", null, 1, AT),
                UUID.randomUUID().toString(), AT, LIVE);
        assertThat(recipients()).containsExactly("responders");

        processor.on(new IncidentTriaged(INCIDENT, Severity.MEDIUM, Category.KEY_COMPROMISE, List.of(), AT));
        processor.on(new ContainmentStepFailed(INCIDENT, "step-1", 3, "receiver refused"),
                UUID.randomUUID().toString(), AT, LIVE);

        // the failure escalates to the first tier, whose lead hears of every severity
        assertThat(recipients()).containsExactlyInAnyOrder("responders", "responders", "commanders", "security-lead");
    }

    @Test
    void aStepWaitingForApprovalReachesCommandersAndSaysWhatItDoes() {
        report(Severity.MEDIUM);

        requestStep("revoke-1", ContainmentStepAction.REVOKE_KEY, true);

        assertThat(outbox.ofIncident(INCIDENT)).singleElement().satisfies(entry -> {
            assertThat(entry.notification().kind()).isEqualTo(NotificationKind.APPROVAL_WAITING);
            assertThat(entry.notification().recipient()).isEqualTo("commanders");
            assertThat(entry.notification().summary()).isEqualTo("Step revoke-1: REVOKE_KEY on SIGNING_KEY "
                    + "hot-wallet-1 (ethereum) (playbook key-compromise) waits for a commander's approval: "
                    + "key seen on a phishing site.");
        });
    }

    @Test
    void executedAndFailedStepsReachRespondersAndCommandersWithTheStepsAction() {
        report(Severity.HIGH);
        jdbc.update("DELETE FROM notification_outbox");
        requestStep("pause-1", ContainmentStepAction.PAUSE_CONTRACT, false);

        processor.on(new ContainmentStepExecuted(INCIDENT, "pause-1", "webhook", "ext-42", 2, AT),
                UUID.randomUUID().toString(), AT, LIVE);

        assertThat(outbox.ofIncident(INCIDENT)).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.notification().kind()).isEqualTo(NotificationKind.CONTAINMENT_EXECUTED);
            assertThat(entry.notification().summary()).isEqualTo("Step pause-1: PAUSE_CONTRACT on SIGNING_KEY "
                    + "hot-wallet-1 (ethereum) (playbook key-compromise) was carried out through webhook on attempt "
                    + "2 (receiver's reference ext-42).");
        });
    }

    @Test
    void aNotifyStepAlertsRespondersAndCommandersAndItsExecutionIsNotAnnouncedAgain() {
        report(Severity.LOW);

        requestStep("notify-1", ContainmentStepAction.NOTIFY, false);
        processor.on(new ContainmentStepExecuted(INCIDENT, "notify-1", "dry-run", null, 1, AT),
                UUID.randomUUID().toString(), AT, LIVE);

        assertThat(outbox.ofIncident(INCIDENT)).singleElement().satisfies(entry -> {
            assertThat(entry.notification().kind()).isEqualTo(NotificationKind.PLAYBOOK_NOTICE);
            assertThat(entry.notification().summary())
                    .isEqualTo("Playbook key-compromise asks to alert you: key seen on a phishing site.");
        });
    }

    @Test
    void aNotifyStepThatNeedsApprovalAlertsOnceApproved() {
        report(Severity.MEDIUM);
        requestStep("notify-2", ContainmentStepAction.NOTIFY, true);
        assertThat(kinds()).containsExactly(NotificationKind.APPROVAL_WAITING);

        processor.on(new ContainmentStepApproved(INCIDENT, "notify-2", "commander", "tell the exchange desk"),
                UUID.randomUUID().toString(), AT, LIVE);

        assertThat(kinds()).containsExactlyInAnyOrder(NotificationKind.APPROVAL_WAITING,
                NotificationKind.PLAYBOOK_NOTICE, NotificationKind.PLAYBOOK_NOTICE);
    }

    @Test
    void anApproachingDeadlineReachesUntieredRecipients() {
        report(Severity.HIGH);
        jdbc.update("DELETE FROM notification_outbox");

        processor.on(new DeadlineApproaching(INCIDENT, DeadlineKind.ACKNOWLEDGEMENT, "acknowledgement",
                Instant.parse("2026-03-01T10:30:00Z")), UUID.randomUUID().toString(), AT, LIVE);

        assertThat(recipients()).containsExactly("commanders", "responders");
        assertThat(outbox.ofIncident(INCIDENT).get(0).notification().summary()).isEqualTo("The ACKNOWLEDGEMENT "
                + "deadline for acknowledgement falls due at 2026-03-01T10:30:00Z and nobody has acted yet.");
    }

    @Test
    void aMissedDeadlineAlsoReachesTheTierItEscalatedTo() {
        report(Severity.HIGH);
        jdbc.update("DELETE FROM notification_outbox");

        processor.on(new DeadlineMissed(INCIDENT, DeadlineKind.APPROVAL, "revoke-1",
                Instant.parse("2026-03-01T10:30:00Z"), 1), UUID.randomUUID().toString(), AT, LIVE);

        assertThat(recipients()).containsExactlyInAnyOrder("responders", "commanders", "security-lead");
        assertThat(kinds()).containsOnly(NotificationKind.DEADLINE_MISSED);
    }

    private String report(Severity severity) {
        String event = UUID.randomUUID().toString();
        processor.on(reported(severity), event, AT, LIVE);
        return event;
    }

    private static IncidentReported reported(Severity severity) {
        return new IncidentReported(INCIDENT, "Hot wallet drained", "400 ETH left", severity,
                Category.KEY_COMPROMISE, IncidentSource.MANUAL, null, AT);
    }

    private void requestStep(String stepId, ContainmentStepAction action, boolean approvalRequired) {
        processor.on(new ContainmentStepRequested(INCIDENT, stepId, "key-compromise", action,
                        action == ContainmentStepAction.NOTIFY ? null : HOT_KEY, approvalRequired,
                        "key seen on a phishing site"), UUID.randomUUID().toString(), AT, LIVE);
    }

    private List<String> recipients() {
        return outbox.ofIncident(INCIDENT).stream().map(entry -> entry.notification().recipient()).toList();
    }

    private List<NotificationKind> kinds() {
        return outbox.ofIncident(INCIDENT).stream().map(entry -> entry.notification().kind()).toList();
    }
}
