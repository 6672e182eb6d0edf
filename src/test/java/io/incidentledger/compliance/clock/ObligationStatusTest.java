package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.ClockFixtures.berlin;
import static io.incidentledger.compliance.clock.ClockFixtures.euEntity;
import static io.incidentledger.compliance.clock.ClockFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statuses at their boundaries. A GDPR notification (aware Mon 2 March 2026 08:00 Berlin, due Thu 5 March 08:00, no
 * grace) and a DORA intermediate report (initial sent Wed 4 March 10:00, due Sat 7 March 10:00, grace until Mon
 * 9 March 12:00) with a 24 h due-soon window.
 */
class ObligationStatusTest {

    private static final Duration WINDOW = Duration.ofHours(24);
    private static final Instant AWARE = berlin("2026-03-02T08:00");

    private static Obligation gdpr(String submitted, String now) {
        ComplianceFacts facts = ComplianceFacts.awareAt(AWARE).withPersonalDataBreach();
        if (submitted != null && !submitted.isBlank()) {
            facts = facts.withSubmission(Stage.GDPR_SA_NOTIFICATION, berlin(submitted));
        }
        return only(ClockCalculator.obligations(facts, euEntity(Regime.GDPR), berlin(now), WINDOW),
                Stage.GDPR_SA_NOTIFICATION);
    }

    private static Obligation doraIntermediate(String submitted, String now) {
        ComplianceFacts facts = ComplianceFacts.awareAt(AWARE)
                .withDoraMajorClassifiedAt(berlin("2026-03-04T06:00"))
                .withSubmission(Stage.DORA_INITIAL, berlin("2026-03-04T10:00"));
        if (submitted != null && !submitted.isBlank()) {
            facts = facts.withSubmission(Stage.DORA_INTERMEDIATE, berlin(submitted));
        }
        OrganisationProfile profile = euEntity(Regime.DORA).withDoraWeekendRuleForInitialAndIntermediate(true);
        return only(ClockCalculator.obligations(facts, profile, berlin(now), WINDOW), Stage.DORA_INTERMEDIATE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            submitted well before the due instant -> met                  | 2026-03-03T12:00    | 2026-03-20T00:00    | MET
            submitted exactly at the due instant -> met                   | 2026-03-05T08:00    | 2026-03-20T00:00    | MET
            submitted one second after the due instant -> late            | 2026-03-05T08:00:01 | 2026-03-20T00:00    | LATE
            late stays late whatever now is                               | 2026-03-06T08:00    | 2026-03-05T09:00    | LATE
            nothing submitted, due instant passed by one second -> missed |                     | 2026-03-05T08:00:01 | MISSED
            nothing submitted, now is the due instant -> due soon         |                     | 2026-03-05T08:00    | DUE_SOON
            nothing submitted, window just opened -> due soon             |                     | 2026-03-04T08:00    | DUE_SOON
            nothing submitted, one second before the window -> pending    |                     | 2026-03-04T07:59:59 | PENDING
            nothing submitted, right after awareness -> pending           |                     | 2026-03-02T08:00    | PENDING
            """)
    void withoutGraceTheDueInstantIsTheLastOnTimeInstant(String scenario, String submitted, String now,
            ObligationStatus expected) {
        Obligation obligation = gdpr(submitted, now);

        assertThat(obligation.status()).isEqualTo(expected);
        assertThat(obligation.lastOnTimeAt()).isEqualTo(obligation.dueAt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            submitted before the Saturday due instant -> met, not within grace | 2026-03-06T15:00    | 2026-03-20T00:00    | MET    | false
            submitted on Saturday after the due instant -> met within grace    | 2026-03-07T11:00    | 2026-03-20T00:00    | MET    | true
            submitted at Monday noon exactly -> met within grace              | 2026-03-09T12:00    | 2026-03-20T00:00    | MET    | true
            submitted one second after Monday noon -> late                     | 2026-03-09T12:00:01 | 2026-03-20T00:00    | LATE   | false
            nothing submitted, Sunday, past due but inside grace -> due soon   |                     | 2026-03-08T10:00    | DUE_SOON | false
            nothing submitted, one second after Monday noon -> missed          |                     | 2026-03-09T12:00:01 | MISSED | false
            """)
    void withGraceASubmissionUntilTheGraceInstantIsMet(String scenario, String submitted, String now,
            ObligationStatus expected, boolean withinGrace) {
        Obligation obligation = doraIntermediate(submitted, now);

        assertThat(obligation.dueAt()).isEqualTo(berlin("2026-03-07T10:00"));
        assertThat(obligation.graceUntil()).isEqualTo(berlin("2026-03-09T12:00"));
        assertThat(obligation.status()).isEqualTo(expected);
        assertThat(obligation.metWithinGrace()).isEqualTo(withinGrace);
    }

    @Test
    void theExplanationSaysWhenASubmissionWasOnTimeOnlyThanksToTheGracePeriod() {
        Obligation obligation = doraIntermediate("2026-03-07T11:00", "2026-03-20T00:00");

        assertThat(obligation.explanation())
                .startsWith("DORA intermediate report: 72 h after the initial notification was submitted")
                .contains("it falls on a Saturday, so it may be submitted until 12:00 on the next working day,"
                        + " Mon 2026-03-09 12:00 CET (RTS 2025/301 Art. 5(4))")
                .endsWith("submitted Sat 2026-03-07 11:00 CET, after the due instant but within the grace period,"
                        + " so on time");
    }

    @Test
    void theExplanationOfALateSubmissionNamesTheInstantItMissed() {
        assertThat(gdpr("2026-03-05T08:00:01", "2026-03-20T00:00").explanation())
                .endsWith("submitted Thu 2026-03-05 08:00:01 CET, after the last on-time instant"
                        + " Thu 2026-03-05 08:00 CET, late");
    }

    @Test
    void aStageWhoseAnchorIsNotRecordedHasNotStartedWhateverNowIs() {
        Obligation finalReport = only(ClockCalculator.obligations(
                ComplianceFacts.awareAt(AWARE).withDoraMajorClassifiedAt(AWARE), euEntity(Regime.DORA),
                berlin("2027-01-01T00:00"), WINDOW), Stage.DORA_FINAL);

        assertThat(finalReport.status()).isEqualTo(ObligationStatus.NOT_STARTED);
        assertThat(finalReport.dueAt()).isNull();
        assertThat(finalReport.lastOnTimeAt()).isNull();
    }

    @Test
    void aReportSubmittedBeforeItsClockStartedIsMet() {
        // A final report combined into an earlier submission (ITS 2025/302 Art. 2) has no deadline to miss.
        ComplianceFacts facts = ComplianceFacts.awareAt(AWARE).withDoraMajorClassifiedAt(AWARE)
                .withSubmission(Stage.DORA_INITIAL, berlin("2026-03-02T10:00"))
                .withSubmission(Stage.DORA_FINAL, berlin("2026-03-02T10:00"));

        Obligation finalReport = only(ClockCalculator.obligations(facts, euEntity(Regime.DORA),
                berlin("2026-06-01T00:00"), WINDOW), Stage.DORA_FINAL);

        assertThat(finalReport.status()).isEqualTo(ObligationStatus.MET);
        assertThat(finalReport.dueAt()).isNull();
        assertThat(finalReport.submittedAt()).isEqualTo(berlin("2026-03-02T10:00"));
    }

    @Test
    void aNegativeDueSoonWindowIsRefused() {
        ComplianceFacts facts = ComplianceFacts.awareAt(AWARE).withPersonalDataBreach();

        assertThatThrownBy(() -> ClockCalculator.obligations(facts, euEntity(Regime.GDPR), AWARE,
                Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
