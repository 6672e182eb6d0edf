package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.ClockFixtures.berlin;
import static io.incidentledger.compliance.clock.ClockFixtures.euEntity;
import static io.incidentledger.compliance.clock.ClockFixtures.inBerlin;
import static io.incidentledger.compliance.clock.ClockFixtures.localOrNull;
import static io.incidentledger.compliance.clock.ClockFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

/** DORA, RTS 2025/301 Art. 5; all local times are Europe/Berlin, the Member State is Germany. */
class DoraClockTest {

    private static final Duration NO_WINDOW = Duration.ZERO;
    private static final OrganisationProfile MAY_USE_NOON_RULE = euEntity(Regime.DORA)
            .withDoraWeekendRuleForInitialAndIntermediate(true);
    private static final OrganisationProfile EXCLUDED_ENTITY = euEntity(Regime.DORA)
            .withDoraWeekendRuleForInitialAndIntermediate(false);

    private static List<Obligation> dora(ComplianceFacts facts, OrganisationProfile profile) {
        return ClockCalculator.obligations(facts, profile, facts.awareAt(), NO_WINDOW);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            worked example: aware Mon 08:00, classified Tue 06:00 -> Tue 08:00 (24 h limb) | 2026-03-02T08:00 | 2026-03-03T06:00    | 2026-03-03T08:00    | AWARENESS
            classified an hour after awareness -> 4 h after classification              | 2026-03-02T08:00 | 2026-03-02T09:00    | 2026-03-02T13:00    | DORA_MAJOR_CLASSIFICATION
            classified 20 h after awareness, both limbs meet -> the same instant           | 2026-03-02T08:00 | 2026-03-03T04:00    | 2026-03-03T08:00    | DORA_MAJOR_CLASSIFICATION
            classified 21 h after awareness -> 24 h limb, only 3 h after classification    | 2026-03-02T08:00 | 2026-03-03T05:00    | 2026-03-03T08:00    | AWARENESS
            classified exactly at the 24 h limit -> due at that very instant               | 2026-03-02T08:00 | 2026-03-03T08:00    | 2026-03-03T08:00    | AWARENESS
            classified one second after the 24 h limit -> 4 h after classification       | 2026-03-02T08:00 | 2026-03-03T08:00:01 | 2026-03-03T12:00:01 | DORA_MAJOR_CLASSIFICATION
            classified three days after awareness -> 4 h after classification             | 2026-03-02T08:00 | 2026-03-05T15:00    | 2026-03-05T19:00    | DORA_MAJOR_CLASSIFICATION
            """)
    void initialNotificationIsDueAtTheEarlierLimbUnlessClassificationComesAfter24Hours(String scenario,
            String aware, String classified, String expectedDue, Anchor expectedAnchor) {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin(aware)).withDoraMajorClassifiedAt(berlin(classified));

        Obligation initial = only(dora(facts, EXCLUDED_ENTITY), Stage.DORA_INITIAL);

        assertThat(inBerlin(initial.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
        assertThat(initial.anchor()).isEqualTo(expectedAnchor);
        assertThat(initial.graceUntil()).isNull();
    }

    @Test
    void theWorkedExampleExplainsThatThe24HourLimbDecided() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00"))
                .withDoraMajorClassifiedAt(berlin("2026-03-03T06:00"));

        Obligation initial = only(dora(facts, EXCLUDED_ENTITY), Stage.DORA_INITIAL);

        assertThat(initial.explanation())
                .contains("24 h after awareness (Mon 2026-03-02 08:00 CET)")
                .contains("earlier than the 4 h after classification limb (Tue 2026-03-03 10:00 CET)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            due on a working Friday: no grace whoever the entity is           | true  | 2026-03-06T10:00 | 2026-03-06T11:00 | 2026-03-06T15:00 |
            due on a Saturday, entity may use the rule -> Monday noon        | true  | 2026-03-06T18:00 | 2026-03-07T07:00 | 2026-03-07T11:00 | 2026-03-09T12:00
            due on a Saturday, excluded entity (Art. 5(5)) -> no grace       | false | 2026-03-06T18:00 | 2026-03-07T07:00 | 2026-03-07T11:00 |
            due on Sunday 23:59 -> Monday noon                               | true  | 2026-03-07T23:59 | 2026-03-08T19:59 | 2026-03-08T23:59 | 2026-03-09T12:00
            due on Good Friday, Easter Monday also a holiday -> Tuesday noon | true  | 2026-04-02T16:00 | 2026-04-02T23:00 | 2026-04-03T03:00 | 2026-04-07T12:00
            due at Saturday 00:00 exactly -> Monday noon                     | true  | 2026-03-06T20:00 | 2026-03-06T20:00 | 2026-03-07T00:00 | 2026-03-09T12:00
            due Friday 23:59:59, the last second of a working day -> no grace | true | 2026-03-05T23:59:59 | 2026-03-06T19:59:59 | 2026-03-06T23:59:59 |
            """)
    void initialNotificationFallingOnANonWorkingDayMayWaitUntilNoonOfTheNextWorkingDay(String scenario,
            boolean entityMayUseTheRule, String aware, String classified, String expectedDue, String expectedGrace) {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin(aware)).withDoraMajorClassifiedAt(berlin(classified));
        OrganisationProfile profile = entityMayUseTheRule ? MAY_USE_NOON_RULE : EXCLUDED_ENTITY;

        Obligation initial = only(dora(facts, profile), Stage.DORA_INITIAL);

        assertThat(inBerlin(initial.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
        assertThat(inBerlin(initial.graceUntil())).isEqualTo(localOrNull(expectedGrace));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            initial sent Tuesday 08:00 -> intermediate Friday 08:00                 | true  | 2026-03-03T08:00    | 2026-03-06T08:00    |
            initial sent Wednesday 10:00 -> Saturday 10:00, Monday noon grace       | true  | 2026-03-04T10:00    | 2026-03-07T10:00    | 2026-03-09T12:00
            initial sent Wednesday 10:00, excluded entity -> Saturday 10:00 firm    | false | 2026-03-04T10:00    | 2026-03-07T10:00    |
            initial sent Thursday across spring-forward -> 72 elapsed hours, 11:00 local | true | 2026-03-26T10:00 | 2026-03-29T11:00 | 2026-03-30T12:00
            initial sent to the second -> intermediate to the second                | true  | 2026-03-03T08:17:42 | 2026-03-06T08:17:42 |
            """)
    void intermediateReportIsDue72HoursAfterTheInitialNotificationWasSubmitted(String scenario,
            boolean entityMayUseTheRule, String initialSubmitted, String expectedDue, String expectedGrace) {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00"))
                .withDoraMajorClassifiedAt(berlin("2026-03-02T09:00"))
                .withSubmission(Stage.DORA_INITIAL, berlin(initialSubmitted));
        OrganisationProfile profile = entityMayUseTheRule ? MAY_USE_NOON_RULE : EXCLUDED_ENTITY;

        Obligation intermediate = only(dora(facts, profile), Stage.DORA_INTERMEDIATE);

        assertThat(intermediate.anchor()).isEqualTo(Anchor.DORA_INITIAL_SUBMITTED);
        assertThat(intermediate.anchoredAt()).isEqualTo(berlin(initialSubmitted));
        assertThat(inBerlin(intermediate.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
        assertThat(inBerlin(intermediate.graceUntil())).isEqualTo(localOrNull(expectedGrace));
    }

    @Test
    void intermediateReportRunsFromTheFirstInitialSubmissionNotFromACorrectedOne() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00"))
                .withDoraMajorClassifiedAt(berlin("2026-03-02T09:00"))
                .withSubmission(Stage.DORA_INITIAL, berlin("2026-03-03T11:00"))
                .withSubmission(Stage.DORA_INITIAL, berlin("2026-03-02T12:00"));

        Obligation intermediate = only(dora(facts, EXCLUDED_ENTITY), Stage.DORA_INTERMEDIATE);

        assertThat(inBerlin(intermediate.dueAt())).isEqualTo(LocalDateTime.parse("2026-03-05T12:00"));
    }

    @Test
    void intermediateAndFinalReportsHaveNotStartedBeforeTheInitialNotificationIsSubmitted() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00"))
                .withDoraMajorClassifiedAt(berlin("2026-03-02T09:00"));

        List<Obligation> obligations = dora(facts, EXCLUDED_ENTITY);

        assertThat(obligations).extracting(Obligation::stage, Obligation::status, Obligation::dueAt).containsExactly(
                tuple(Stage.DORA_INITIAL, ObligationStatus.PENDING,
                        berlin("2026-03-02T13:00")),
                tuple(Stage.DORA_INTERMEDIATE, ObligationStatus.NOT_STARTED, null),
                tuple(Stage.DORA_FINAL, ObligationStatus.NOT_STARTED, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            31 January -> 28 February (2026), a Saturday -> Monday noon       | 2026-01-31T10:00 | 2026-02-28T10:00 | 2026-03-02T12:00
            31 January -> 29 February in leap year 2028                        | 2028-01-31T10:00 | 2028-02-29T10:00 |
            29 February 2028 -> 29 March                                       | 2028-02-29T10:00 | 2028-03-29T10:00 |
            29 January 2027 -> 28 February, a Sunday -> Monday noon            | 2027-01-29T10:00 | 2027-02-28T10:00 | 2027-03-01T12:00
            31 March -> 30 April                                               | 2026-03-31T10:00 | 2026-04-30T10:00 |
            15 December -> 15 January across the year end                     | 2026-12-15T10:00 | 2027-01-15T10:00 |
            31 December -> 31 January, a Sunday -> Monday noon                 | 2026-12-31T10:00 | 2027-01-31T10:00 | 2027-02-01T12:00
            across spring-forward the local time is kept                       | 2026-03-10T10:00 | 2026-04-10T10:00 |
            across fall-back the local time is kept                            | 2026-10-09T10:00 | 2026-11-09T10:00 |
            6 March -> 6 April, Easter Monday -> Tuesday noon                  | 2026-03-06T10:00 | 2026-04-06T10:00 | 2026-04-07T12:00
            """)
    void finalReportIsDueOneCalendarMonthAfterTheIntermediateReportAndAlwaysMayUseTheNoonRule(String scenario,
            String intermediateSubmitted, String expectedDue, String expectedGrace) {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin(intermediateSubmitted).minus(Duration.ofDays(5)))
                .withDoraMajorClassifiedAt(berlin(intermediateSubmitted).minus(Duration.ofDays(5)))
                .withSubmission(Stage.DORA_INITIAL, berlin(intermediateSubmitted).minus(Duration.ofDays(4)))
                .withSubmission(Stage.DORA_INTERMEDIATE, berlin(intermediateSubmitted));

        // An excluded entity: the noon rule is still there for the final report.
        Obligation finalReport = only(dora(facts, EXCLUDED_ENTITY), Stage.DORA_FINAL);

        assertThat(finalReport.anchor()).isEqualTo(Anchor.DORA_LATEST_INTERMEDIATE_SUBMITTED);
        assertThat(inBerlin(finalReport.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
        assertThat(inBerlin(finalReport.graceUntil())).isEqualTo(localOrNull(expectedGrace));
    }

    @Test
    void finalReportRunsFromTheLatestUpdatedIntermediateReport() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00"))
                .withDoraMajorClassifiedAt(berlin("2026-03-02T09:00"))
                .withSubmission(Stage.DORA_INITIAL, berlin("2026-03-02T12:00"))
                .withSubmission(Stage.DORA_INTERMEDIATE, berlin("2026-03-20T16:00"))
                .withSubmission(Stage.DORA_INTERMEDIATE, berlin("2026-03-05T09:00"))
                .withSubmission(Stage.DORA_INTERMEDIATE, berlin("2026-03-12T10:00"));

        List<Obligation> obligations = dora(facts, EXCLUDED_ENTITY);

        Obligation finalReport = only(obligations, Stage.DORA_FINAL);
        assertThat(finalReport.anchoredAt()).isEqualTo(berlin("2026-03-20T16:00"));
        assertThat(inBerlin(finalReport.dueAt())).isEqualTo(LocalDateTime.parse("2026-04-20T16:00"));
        assertThat(finalReport.explanation()).contains("the latest of 3 intermediate reports");
        // The first intermediate report is the one judged against its 72 h deadline.
        Obligation intermediate = only(obligations, Stage.DORA_INTERMEDIATE);
        assertThat(intermediate.submittedAt()).isEqualTo(berlin("2026-03-05T09:00"));
        assertThat(intermediate.status()).isEqualTo(ObligationStatus.MET);
    }

    @Test
    void anIntermediateReportSentAfterTheFinalReportDoesNotMoveTheFinalReportsDeadline() {
        Instant finalSubmitted = berlin("2026-04-30T10:00");
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00"))
                .withDoraMajorClassifiedAt(berlin("2026-03-02T09:00"))
                .withSubmission(Stage.DORA_INITIAL, berlin("2026-03-02T12:00"))
                .withSubmission(Stage.DORA_INTERMEDIATE, berlin("2026-03-05T09:00"))
                .withSubmission(Stage.DORA_FINAL, finalSubmitted)
                .withSubmission(Stage.DORA_INTERMEDIATE, berlin("2026-05-02T09:00"));

        Obligation finalReport = only(dora(facts, EXCLUDED_ENTITY), Stage.DORA_FINAL);

        assertThat(inBerlin(finalReport.dueAt())).isEqualTo(LocalDateTime.parse("2026-04-05T09:00"));
        assertThat(finalReport.graceUntil()).isEqualTo(berlin("2026-04-07T12:00"));
        assertThat(finalReport.status()).isEqualTo(ObligationStatus.LATE);
    }

    @Test
    void noDoraObligationsUntilTheIncidentIsClassifiedAsMajor() {
        ComplianceFacts facts = ComplianceFacts.awareAt(berlin("2026-03-02T08:00"));

        assertThat(dora(facts, MAY_USE_NOON_RULE)).isEmpty();
    }
}
