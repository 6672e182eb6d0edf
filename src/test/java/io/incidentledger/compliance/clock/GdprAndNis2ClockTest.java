package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.ClockFixtures.berlin;
import static io.incidentledger.compliance.clock.ClockFixtures.euEntity;
import static io.incidentledger.compliance.clock.ClockFixtures.has;
import static io.incidentledger.compliance.clock.ClockFixtures.inBerlin;
import static io.incidentledger.compliance.clock.ClockFixtures.localOrNull;
import static io.incidentledger.compliance.clock.ClockFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GDPR Art. 33 and NIS2 Art. 23; all local times are Europe/Berlin, the Member State is Germany. */
class GdprAndNis2ClockTest {

    private static List<Obligation> obligations(ComplianceFacts facts, OrganisationProfile profile) {
        return ClockCalculator.obligations(facts, profile, facts.awareAt(), Duration.ZERO);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            aware Monday 08:00 -> Thursday 08:00                                  | 2026-03-02T08:00 | 2026-03-05T08:00
            aware Friday 17:00 -> Monday 17:00, the weekend counts                 | 2026-03-06T17:00 | 2026-03-09T17:00
            aware before Good Friday -> due on Easter Monday, holidays count       | 2026-04-03T09:00 | 2026-04-06T09:00
            across spring-forward: 72 elapsed hours end at 13:00 local             | 2026-03-27T12:00 | 2026-03-30T13:00
            across fall-back: 72 elapsed hours end at 11:00 local                  | 2026-10-23T12:00 | 2026-10-26T11:00
            across the year end                                                    | 2026-12-30T22:00 | 2027-01-02T22:00
            """)
    void gdprNotificationIsDue72ElapsedHoursAfterAwarenessWithNoExtension(String scenario, String aware,
            String expectedDue) {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin(aware)).withPersonalDataBreach();

        Obligation notification = only(obligations(facts, euEntity(Regime.GDPR)), Stage.GDPR_SA_NOTIFICATION);

        assertThat(notification.anchor()).isEqualTo(Anchor.AWARENESS);
        assertThat(notification.dueAt()).isEqualTo(berlin(aware).plus(Duration.ofHours(72)));
        assertThat(inBerlin(notification.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
        assertThat(notification.graceUntil()).isNull();
    }

    @Test
    void gdprAppliesOnlyToPersonalDataBreaches() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00"));

        assertThat(obligations(facts, euEntity(Regime.GDPR))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            early warning 24 h after awareness                                    | false | NIS2_EARLY_WARNING | 2026-03-02T08:00 | 2026-03-03T08:00
            notification 72 h after awareness                                     | false | NIS2_NOTIFICATION  | 2026-03-02T08:00 | 2026-03-05T08:00
            trust service provider: notification 24 h after awareness             | true  | NIS2_NOTIFICATION  | 2026-03-02T08:00 | 2026-03-03T08:00
            trust service provider: early warning still 24 h                      | true  | NIS2_EARLY_WARNING | 2026-03-02T08:00 | 2026-03-03T08:00
            early warning on a Saturday: no weekend extension                     | false | NIS2_EARLY_WARNING | 2026-03-06T10:00 | 2026-03-07T10:00
            early warning across spring-forward: 24 elapsed hours, 21:00 local    | false | NIS2_EARLY_WARNING | 2026-03-28T20:00 | 2026-03-29T21:00
            early warning across fall-back: 24 elapsed hours, 19:00 local         | false | NIS2_EARLY_WARNING | 2026-10-24T20:00 | 2026-10-25T19:00
            """)
    void nis2EarlyWarningAndNotificationRunInElapsedHoursFromAwareness(String scenario, boolean trustServiceProvider,
            Stage stage, String aware, String expectedDue) {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin(aware)).withNis2Significant();
        OrganisationProfile profile = trustServiceProvider
                ? euEntity(Regime.NIS2).asNis2TrustServiceProvider() : euEntity(Regime.NIS2);

        Obligation obligation = only(obligations(facts, profile), stage);

        assertThat(obligation.anchor()).isEqualTo(Anchor.AWARENESS);
        assertThat(inBerlin(obligation.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
        assertThat(obligation.graceUntil()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            30 March -> 30 April, a Thursday                                | 2026-03-30T10:00 | 2026-04-30T10:00 |
            31 January -> 28 February, a Saturday -> end of Monday          | 2026-01-31T10:00 | 2026-02-28T10:00 | 2026-03-02T23:59:59.999999
            31 January -> 29 February in leap year 2028                     | 2028-01-31T10:00 | 2028-02-29T10:00 |
            6 March -> 6 April, Easter Monday -> end of Tuesday             | 2026-03-06T10:00 | 2026-04-06T10:00 | 2026-04-07T23:59:59.999999
            24 December -> 24 January across the year end, a Sunday        | 2026-12-24T15:00 | 2027-01-24T15:00 | 2027-01-25T23:59:59.999999
            """)
    void nis2FinalReportIsDueOneCalendarMonthAfterTheNotificationWithArticle3Paragraph4Grace(String scenario,
            String notificationSubmitted, String expectedDue, String expectedGrace) {
        Instant notified = berlin(notificationSubmitted);
        ComplianceFacts facts = ComplianceFacts.awareAt(notified.minus(Duration.ofHours(30))).withNis2Significant()
                .withSubmission(Stage.NIS2_NOTIFICATION, notified);

        Obligation finalReport = only(obligations(facts, euEntity(Regime.NIS2)), Stage.NIS2_FINAL);

        assertThat(finalReport.anchor()).isEqualTo(Anchor.NIS2_NOTIFICATION_SUBMITTED);
        assertThat(finalReport.anchoredAt()).isEqualTo(notified);
        assertThat(inBerlin(finalReport.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
        assertThat(inBerlin(finalReport.graceUntil())).isEqualTo(localOrNull(expectedGrace));
    }

    @Test
    void nis2FinalReportRunsFromTheFirstNotificationNotFromAnUpdate() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00")).withNis2Significant()
                .withSubmission(Stage.NIS2_NOTIFICATION, berlin("2026-03-10T09:00"))
                .withSubmission(Stage.NIS2_NOTIFICATION, berlin("2026-03-04T09:00"));

        Obligation finalReport = only(obligations(facts, euEntity(Regime.NIS2)), Stage.NIS2_FINAL);

        assertThat(inBerlin(finalReport.dueAt())).isEqualTo(LocalDateTime.parse("2026-04-04T09:00"));
        assertThat(finalReport.explanation()).contains("check the national transposition");
    }

    @Test
    void nis2FinalReportExplainsTheArticle3Paragraph4Extension() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-01-30T08:00")).withNis2Significant()
                .withSubmission(Stage.NIS2_NOTIFICATION, berlin("2026-01-31T10:00"));

        Obligation finalReport = only(obligations(facts, euEntity(Regime.NIS2)), Stage.NIS2_FINAL);

        assertThat(finalReport.explanation()).contains("the month ends on a Saturday, so it runs to the end of the"
                + " next working day, the end of Mon 2026-03-02 CET (Reg. 1182/71 Art. 3(4))");
    }

    @Test
    void nis2FinalReportHasNotStartedBeforeTheNotificationIsSubmitted() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00")).withNis2Significant();

        Obligation finalReport = only(obligations(facts, euEntity(Regime.NIS2)), Stage.NIS2_FINAL);

        assertThat(finalReport.status()).isEqualTo(ObligationStatus.NOT_STARTED);
        assertThat(finalReport.dueAt()).isNull();
        assertThat(finalReport.anchoredAt()).isNull();
    }

    @Test
    void nis2AppliesOnlyToSignificantIncidents() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00")).withPersonalDataBreach();

        assertThat(has(obligations(facts, euEntity(Regime.NIS2, Regime.GDPR)), Stage.NIS2_EARLY_WARNING)).isFalse();
    }
}
