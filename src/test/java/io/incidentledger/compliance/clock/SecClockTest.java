package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.ClockFixtures.inNewYork;
import static io.incidentledger.compliance.clock.ClockFixtures.newYork;
import static io.incidentledger.compliance.clock.ClockFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Form 8-K Item 1.05; local times are America/New_York. */
class SecClockTest {

    private static final OrganisationProfile REGISTRANT = OrganisationProfile.subjectTo(Regime.SEC_8K);

    private static Obligation filing(Instant determined, OrganisationProfile profile) {
        ComplianceFacts facts = ComplianceFacts.awareAt(determined.minus(Duration.ofDays(3)))
                .withSecMaterialityDeterminedAt(determined);
        return only(ClockCalculator.obligations(facts, profile, determined, Duration.ZERO),
                Stage.SEC_8K_ITEM_1_05);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            determined Monday -> Friday                                              | 2026-03-02T10:00 | 2026-03-06
            determined Thursday -> Wednesday, the weekend does not count             | 2026-03-05T10:00 | 2026-03-11
            determined Friday -> Thursday                                            | 2026-03-06T10:00 | 2026-03-12
            determined Saturday -> starts on and includes Monday (B.1) -> Thursday   | 2026-03-07T10:00 | 2026-03-12
            determined Sunday -> starts on and includes Monday (B.1) -> Thursday     | 2026-03-08T10:00 | 2026-03-12
            determined Tuesday of Thanksgiving week -> Tuesday, Thanksgiving skipped | 2026-11-24T10:00 | 2026-12-01
            determined on Thanksgiving -> starts on and includes Friday (B.1)        | 2026-11-26T10:00 | 2026-12-02
            July 4 2026 is a Saturday, Friday 3 July observed and skipped            | 2026-07-01T10:00 | 2026-07-08
            July 4 2027 is a Sunday, Monday 5 July observed and skipped              | 2027-06-30T10:00 | 2027-07-07
            Christmas 2027 observed Friday 24 December is skipped                    | 2027-12-22T10:00 | 2027-12-29
            New Year 2028 observed Friday 31 December 2027 is skipped                | 2027-12-27T10:00 | 2028-01-03
            determined at 22:00 Eastern on Monday counts from Monday, not from UTC Tuesday | 2026-03-02T22:00 | 2026-03-06
            determined after the EDGAR cut-off still counts from that day            | 2026-03-02T18:00 | 2026-03-06
            """)
    void item105IsDueAt1730EasternOnTheFourthBusinessDayAfterTheDetermination(String scenario, String determined,
            String expectedDay) {
        Obligation filing = filing(newYork(determined), REGISTRANT);

        assertThat(inNewYork(filing.dueAt())).isEqualTo(LocalDate.parse(expectedDay).atTime(17, 30));
        assertThat(filing.anchor()).isEqualTo(Anchor.SEC_MATERIALITY_DETERMINATION);
        assertThat(filing.graceUntil()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            due Friday 6 March 2026, Eastern Standard Time (UTC-5)       | 2026-03-02T10:00 | 2026-03-06T22:30:00Z
            due Thursday 12 March 2026, Eastern Daylight Time (UTC-4)    | 2026-03-06T10:00 | 2026-03-12T21:30:00Z
            due Thursday 5 November 2026, back on standard time          | 2026-10-30T10:00 | 2026-11-05T22:30:00Z
            """)
    void theCutOffIs1730EasternOnWhicheverSideOfTheUsDstChangeTheDayFalls(String scenario, String determined,
            String expectedInstant) {
        assertThat(filing(newYork(determined), REGISTRANT).dueAt()).isEqualTo(Instant.parse(expectedInstant));
    }

    @Test
    void aConfiguredClosureSuchAsTheNationalDayOfMourningIsNotABusinessDay() {
        Instant mondayBefore = newYork("2025-01-06T10:00");
        OrganisationProfile withClosure = REGISTRANT.withSecAdditionalClosures(Set.of(LocalDate.parse("2025-01-09")));

        assertThat(inNewYork(filing(mondayBefore, REGISTRANT).dueAt()))
                .isEqualTo(LocalDateTime.parse("2025-01-10T17:30"));
        Obligation filing = filing(mondayBefore, withClosure);
        assertThat(inNewYork(filing.dueAt())).isEqualTo(LocalDateTime.parse("2025-01-13T17:30"));
        assertThat(filing.explanation()).contains("skipping Thu 2025-01-09 (SEC closed (configured))");
    }

    @Test
    void theExplanationNamesTheCountedDaysTheSkippedHolidayAndInstructionB1() {
        Obligation filing = filing(newYork("2026-11-26T10:00"), REGISTRANT);

        assertThat(filing.explanation())
                .contains("made on a day the SEC is closed (Thanksgiving Day)")
                .contains("starts on and includes Fri 2026-11-27 (Form 8-K Gen. Instr. B.1)")
                .contains("counting Fri 2026-11-27, Mon 2026-11-30, Tue 2026-12-01, Wed 2026-12-02")
                .contains("17:30 Eastern");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            filed at 17:30:00 on the fourth day is met              | 2026-03-06T17:30:00 | MET
            filed at 17:30:01 on the fourth day is late             | 2026-03-06T17:30:01 | LATE
            filed the next business morning is late                 | 2026-03-09T09:00:00 | LATE
            """)
    void aFilingIsOnTimeUntilTheEdgarCutOffOfTheFourthDay(String scenario, String filed, ObligationStatus expected) {
        ComplianceFacts facts = ComplianceFacts.awareAt(newYork("2026-02-27T10:00"))
                .withSecMaterialityDeterminedAt(newYork("2026-03-02T10:00"))
                .withSubmission(Stage.SEC_8K_ITEM_1_05, newYork(filed));

        List<Obligation> obligations = ClockCalculator.obligations(facts, REGISTRANT, newYork("2026-03-10T00:00"),
                Duration.ofDays(1));

        assertThat(only(obligations, Stage.SEC_8K_ITEM_1_05).status()).isEqualTo(expected);
    }

    @Test
    void noFilingObligationUntilMaterialityIsDetermined() {
        ComplianceFacts facts = ComplianceFacts.awareAt(newYork("2026-03-02T10:00"));

        assertThat(ClockCalculator.obligations(facts, REGISTRANT, newYork("2026-04-02T10:00"), Duration.ZERO))
                .isEmpty();
    }
}
