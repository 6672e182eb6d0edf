package io.incidentledger.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.incidentledger.alerting.AlertingProperties.Delivery;
import io.incidentledger.alerting.AlertingProperties.Mail;
import io.incidentledger.alerting.AlertingProperties.Recipient;
import io.incidentledger.alerting.AlertingProperties.Webhook;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.Test;

/** Which alert reaches which recipients over which channels, and the ids their deliveries get. */
class NotificationRoutingTest {

    private static final IncidentId INCIDENT = new IncidentId("6a1f3c2e-52d4-4a3b-9d1e-0c8f1b2a3d4e");
    private static final String EVENT = "5f0c2a7e-8c55-4cde-a7d8-2d6c3f1e9b10";
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    private static final Recipient RESPONDERS = new Recipient("responders", List.of("RESPONDER"), Severity.LOW, 0,
            "responders@example.com", null);
    private static final Recipient COMMANDERS = new Recipient("commanders", List.of("COMMANDER"), Severity.MEDIUM, 0,
            "commanders@example.com", "pager");
    private static final Recipient LEAD = new Recipient("security-lead", List.of("COMMANDER"), Severity.LOW, 1,
            "lead@example.com", null);
    private static final Recipient CISO = new Recipient("ciso", List.of("COMMANDER"), Severity.LOW, 2,
            "ciso@example.com", null);
    private static final Recipient AUDITOR = new Recipient("auditor", List.of("REGULATOR"), Severity.LOW, 0,
            "audit@example.com", null);

    private static final AlertingProperties PROPERTIES = new AlertingProperties(URI.create("https://ledger.example"),
            Severity.HIGH, new Mail("ledger@example.com", Duration.ofSeconds(10)),
            List.of(RESPONDERS, COMMANDERS, LEAD, CISO, AUDITOR),
            Map.of("pager", new Webhook(URI.create("https://pager.example/hook?token=abc"), "s3cr3t-value",
                    Duration.ofSeconds(5))),
            new Delivery(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5), 3,
                    Duration.ofMinutes(2)));

    private final NotificationRouting routing = new NotificationRouting(PROPERTIES);

    @Test
    void aReportedIncidentReachesUntieredRespondersAndCommandersOnEveryChannelTheyHave() {
        List<Notification> notifications = routing.notifications(alert(NotificationKind.INCIDENT_REPORTED,
                Severity.HIGH, 0));

        assertThat(notifications).extracting(Notification::recipient, Notification::channel).containsExactly(
                tuple("responders", Channel.MAIL), tuple("commanders", Channel.MAIL),
                tuple("commanders", Channel.WEBHOOK));
        assertThat(notifications).allSatisfy(notification -> {
            assertThat(notification.incidentId()).isEqualTo(INCIDENT);
            assertThat(notification.kind()).isEqualTo(NotificationKind.INCIDENT_REPORTED);
            assertThat(notification.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void onlyReportsAtOrAboveTheReportSeverityAreAnnounced() {
        assertThat(routing.announcesReport(Severity.MEDIUM)).isFalse();
        assertThat(routing.announcesReport(Severity.HIGH)).isTrue();
        assertThat(routing.announcesReport(Severity.CRITICAL)).isTrue();
    }

    @Test
    void anEscalationAndAWaitingApprovalReachOnlyCommanders() {
        for (NotificationKind kind : List.of(NotificationKind.INCIDENT_ESCALATED, NotificationKind.APPROVAL_WAITING)) {
            assertThat(recipients(routing.notifications(alert(kind, Severity.CRITICAL, 0))))
                    .as(kind.name()).containsExactly("commanders", "commanders");
        }
    }

    @Test
    void containmentOutcomesNoticesAndApproachingDeadlinesReachRespondersAndCommanders() {
        for (NotificationKind kind : List.of(NotificationKind.CONTAINMENT_EXECUTED,
                NotificationKind.CONTAINMENT_FAILED, NotificationKind.PLAYBOOK_NOTICE,
                NotificationKind.DEADLINE_APPROACHING)) {
            assertThat(recipients(routing.notifications(alert(kind, Severity.HIGH, 0))))
                    .as(kind.name()).containsExactly("responders", "commanders", "commanders");
        }
    }

    @Test
    void aRecipientBelowItsMinimumSeverityHearsNothing() {
        List<Notification> notifications = routing.notifications(alert(NotificationKind.CONTAINMENT_EXECUTED,
                Severity.LOW, 0));

        assertThat(recipients(notifications)).containsExactly("responders");
    }

    @Test
    void anIncidentWithoutKnownFactsIsAnnouncedToEveryRecipientOfTheKind() {
        List<Notification> notifications = routing.notifications(alert(NotificationKind.CONTAINMENT_FAILED, null, 0));

        assertThat(recipients(notifications)).containsExactly("responders", "commanders", "commanders");
    }

    @Test
    void aMissedDeadlineReachesTieredRecipientsUpToTheTierItEscalatedTo() {
        assertThat(recipients(routing.notifications(alert(NotificationKind.DEADLINE_MISSED, Severity.HIGH, 1))))
                .containsExactly("responders", "commanders", "commanders", "security-lead");
        assertThat(recipients(routing.notifications(alert(NotificationKind.DEADLINE_MISSED, Severity.HIGH, 2))))
                .containsExactly("responders", "commanders", "commanders", "security-lead", "ciso");
    }

    @Test
    void aContainmentStepThatFailedForGoodEscalatesToTheFirstTier() {
        assertThat(recipients(routing.notifications(alert(NotificationKind.CONTAINMENT_FAILED, Severity.HIGH, 1))))
                .containsExactly("responders", "commanders", "commanders", "security-lead");
    }

    @Test
    void tieredRecipientsHearNothingButEscalations() {
        for (NotificationKind kind : NotificationKind.values()) {
            if (!kind.escalates()) {
                assertThat(recipients(routing.notifications(alert(kind, Severity.CRITICAL, 5))))
                        .as(kind.name()).doesNotContain("security-lead", "ciso");
            }
        }
    }

    @Test
    void rolesThatNoKindNamesHearNothing() {
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(recipients(routing.notifications(alert(kind, Severity.CRITICAL, 3))))
                    .as(kind.name()).doesNotContain("auditor");
        }
    }

    @Test
    void notificationIdsAreStablePerEventChannelAndRecipientAndDifferOtherwise() {
        List<Notification> first = routing.notifications(alert(NotificationKind.INCIDENT_REPORTED, Severity.HIGH, 0));
        List<Notification> again = routing.notifications(alert(NotificationKind.INCIDENT_REPORTED, Severity.HIGH, 0));

        assertThat(again).extracting(Notification::notificationId)
                .containsExactlyElementsOf(first.stream().map(Notification::notificationId).toList());
        assertThat(first).extracting(Notification::notificationId).doesNotHaveDuplicates();
        assertThat(NotificationRouting.notificationId(EVENT, Channel.MAIL, "responders"))
                .isEqualTo(first.get(0).notificationId())
                .isNotEqualTo(NotificationRouting.notificationId("another-event", Channel.MAIL, "responders"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void theConfigurationRefusesDuplicateNamesUnknownWebhooksAndRecipientsWithoutChannel() {
        assertThatThrownBy(() -> properties(List.of(RESPONDERS, RESPONDERS), Map.of()))
                .hasMessageContaining("two alerting recipients are named responders");
        assertThatThrownBy(() -> properties(List.of(COMMANDERS), Map.of()))
                .hasMessageContaining("names webhook pager");
        assertThatThrownBy(() -> new Recipient("nobody", List.of("RESPONDER"), null, 0, " ", null))
                .hasMessageContaining("neither mail nor webhook");
    }

    @Test
    void neitherTheSecretNorTheWebhookPathNorAnAddressAppearsInTheConfigurationsText() {
        String text = PROPERTIES.toString();

        assertThat(text).doesNotContain("s3cr3t-value", "token=abc", "/hook", "responders@example.com")
                .contains("pager.example");
    }

    private static AlertingProperties properties(List<Recipient> recipients, Map<String, Webhook> webhooks) {
        return new AlertingProperties(PROPERTIES.baseUrl(), Severity.HIGH, PROPERTIES.mail(), recipients, webhooks,
                PROPERTIES.delivery());
    }

    private static Alert alert(NotificationKind kind, Severity severity, int tier) {
        return new Alert(EVENT, INCIDENT, "Hot wallet drained", severity, Category.KEY_COMPROMISE, kind, tier,
                "Reported.", AT);
    }

    private static List<String> recipients(List<Notification> notifications) {
        return notifications.stream().map(Notification::recipient).toList();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
