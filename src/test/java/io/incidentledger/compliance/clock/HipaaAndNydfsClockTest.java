package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.ClockFixtures.has;
import static io.incidentledger.compliance.clock.ClockFixtures.inNewYork;
import static io.incidentledger.compliance.clock.ClockFixtures.newYork;
import static io.incidentledger.compliance.clock.ClockFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HIPAA 45 CFR 164.404-408 and NYDFS 23 NYCRR 500.17; local times are America/New_York. */
class HipaaAndNydfsClockTest {

    private static final OrganisationProfile COVERED_ENTITY = OrganisationProfile.subjectTo(Regime.HIPAA);
    private static final OrganisationProfile NY_VIRTUAL_CURRENCY_FIRM = OrganisationProfile.subjectTo(Regime.NYDFS);

    private static List<Obligation> hipaa(String discovered, String affected, OrganisationProfile profile) {
        Instant discoveredAt = newYork(discovered);
        ComplianceFacts facts = ComplianceFacts.awareAt(discoveredAt)
                .withHipaaDiscovery(discoveredAt, perState(affected));
        return ClockCalculator.obligations(facts, profile, discoveredAt, Duration.ZERO);
    }

    /** {@code "NY=501 NJ=20"}; blank when nobody has been counted yet. */
    private static Map<String, Integer> perState(String affected) {
        Map<String, Integer> counts = new HashMap<>();
        if (affected != null && !affected.isBlank()) {
            for (String pair : affected.trim().split("\\s+")) {
                String[] parts = pair.split("=");
                counts.put(parts[0], Integer.valueOf(parts[1]));
            }
        }
        return counts;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            10 January -> 11 March, local time kept across the March DST change | 2026-01-10T09:00 | 2026-03-11T09:00
            10 January 2028 -> 10 March, leap year                             | 2028-01-10T09:00 | 2028-03-10T09:00
            31 December -> 1 March across the year end                         | 2026-12-31T09:00 | 2027-03-01T09:00
            1 September -> 31 October                                          | 2026-09-01T14:00 | 2026-10-31T14:00
            """)
    void individualsMustBeNotifiedWithin60CalendarDaysOfDiscovery(String scenario, String discovered,
            String expectedDue) {
        Obligation individuals = only(hipaa(discovered, "NY=10", COVERED_ENTITY), Stage.HIPAA_INDIVIDUALS);

        assertThat(individuals.anchor()).isEqualTo(Anchor.HIPAA_DISCOVERY);
        assertThat(inNewYork(individuals.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
        assertThat(individuals.graceUntil()).isNull();
    }

    @Test
    void sixtyCalendarDaysAcrossTheSpringDstChangeAreOneHourShortOf1440ElapsedHours() {
        Obligation individuals = only(hipaa("2026-01-10T09:00", "NY=10", COVERED_ENTITY), Stage.HIPAA_INDIVIDUALS);

        assertThat(Duration.between(individuals.anchoredAt(), individuals.dueAt()))
                .isEqualTo(Duration.ofHours(60 * 24 - 1));
    }

    @Test
    void daysAreCountedInTheCoveredEntitysOwnZone() {
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        Instant discovered = LocalDateTime.parse("2026-01-10T09:00").atZone(losAngeles).toInstant();
        ComplianceFacts facts = ComplianceFacts.awareAt(discovered).withHipaaDiscovery(discovered, Map.of("CA", 3));

        Obligation individuals = only(ClockCalculator.obligations(facts,
                COVERED_ENTITY.withHipaaZone(losAngeles), discovered, Duration.ZERO), Stage.HIPAA_INDIVIDUALS);

        assertThat(LocalDateTime.ofInstant(individuals.dueAt(), losAngeles))
                .isEqualTo(LocalDateTime.parse("2026-03-11T09:00"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            501 residents of New York -> media notice                  | NY=501        | true
            exactly 500 residents of one State -> no media notice      | NY=500        | false
            900 people but no State above 500 -> no media notice       | NY=500 NJ=400 | false
            nobody counted yet -> no media notice shown                |               | false
            """)
    void mediaMustBeNotifiedOnlyWhenMoreThan500ResidentsOfOneStateAreAffected(String scenario, String affected,
            boolean mediaExpected) {
        List<Obligation> obligations = hipaa("2026-01-10T09:00", affected, COVERED_ENTITY);

        assertThat(has(obligations, Stage.HIPAA_MEDIA)).isEqualTo(mediaExpected);
        if (mediaExpected) {
            assertThat(only(obligations, Stage.HIPAA_MEDIA).dueAt())
                    .isEqualTo(only(obligations, Stage.HIPAA_INDIVIDUALS).dueAt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            500 people -> with the individuals' notice                     | 2026-01-10T09:00 | NY=300 NJ=200 | HIPAA_DISCOVERY             | 2026-03-11T09:00
            nobody counted yet -> the earlier deadline is shown            | 2026-01-10T09:00 |               | HIPAA_DISCOVERY             | 2026-03-11T09:00
            499 people in 2026 -> 60 days after the year end, 2 March 2027 | 2026-01-10T09:00 | NY=499        | HIPAA_END_OF_DISCOVERY_YEAR | 2027-03-02T00:00
            12 people in 2027 -> 60 days after the year end, 1 March 2028 (leap year) | 2027-06-10T09:00 | NY=12 | HIPAA_END_OF_DISCOVERY_YEAR | 2028-03-01T00:00
            """)
    void theSecretaryIsNotifiedWithTheIndividualsFrom500PeopleAndOtherwiseAfterTheYearEnd(String scenario,
            String discovered, String affected, Anchor expectedAnchor, String expectedDue) {
        Obligation hhs = only(hipaa(discovered, affected, COVERED_ENTITY), Stage.HIPAA_HHS);

        assertThat(hhs.anchor()).isEqualTo(expectedAnchor);
        assertThat(inNewYork(hhs.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            incident notice 72 h after determination                           | NYDFS_INCIDENT_NOTICE         | 2026-03-02T10:00 | 2026-03-05T10:00
            incident notice across fall-back: 72 elapsed hours end 11:00 local | NYDFS_INCIDENT_NOTICE         | 2026-10-30T12:00 | 2026-11-02T11:00
            incident notice over the spring-forward weekend: no extension, 17:00 | NYDFS_INCIDENT_NOTICE       | 2026-03-06T16:00 | 2026-03-09T17:00
            extortion notice 24 h after payment                                | NYDFS_EXTORTION_NOTICE        | 2026-02-20T10:00 | 2026-02-21T10:00
            extortion notice across spring-forward: 24 elapsed hours, 21:00    | NYDFS_EXTORTION_NOTICE        | 2026-03-07T20:00 | 2026-03-08T21:00
            justification 30 calendar days after payment, local time kept      | NYDFS_EXTORTION_JUSTIFICATION | 2026-02-20T10:00 | 2026-03-22T10:00
            justification 30 days from 31 January -> 2 March                   | NYDFS_EXTORTION_JUSTIFICATION | 2026-01-31T10:00 | 2026-03-02T10:00
            justification 30 days in leap year 2028 -> 1 March                 | NYDFS_EXTORTION_JUSTIFICATION | 2028-01-31T10:00 | 2028-03-01T10:00
            """)
    void nydfsNoticesRunFromTheDeterminationAndFromTheExtortionPayment(String scenario, Stage stage, String anchor,
            String expectedDue) {
        Instant at = newYork(anchor);
        ComplianceFacts facts = ComplianceFacts.awareAt(at).withNydfsDeterminedAt(at).withNydfsExtortionPaidAt(at);

        Obligation obligation = only(ClockCalculator.obligations(facts, NY_VIRTUAL_CURRENCY_FIRM, at, Duration.ZERO),
                stage);

        assertThat(inNewYork(obligation.dueAt())).isEqualTo(LocalDateTime.parse(expectedDue));
        assertThat(obligation.anchoredAt()).isEqualTo(at);
        assertThat(obligation.graceUntil()).isNull();
    }

    @Test
    void extortionStagesAppearOnlyWhenAPaymentIsRecorded() {
        Instant determined = newYork("2026-03-02T10:00");
        ComplianceFacts facts = ComplianceFacts.awareAt(determined).withNydfsDeterminedAt(determined);

        assertThat(ClockCalculator.obligations(facts, NY_VIRTUAL_CURRENCY_FIRM, determined, Duration.ZERO))
                .extracting(Obligation::stage).containsExactly(Stage.NYDFS_INCIDENT_NOTICE);
    }
}
