package io.incidentledger.compliance.obligations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.clock.OrganisationProfile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The compliance configuration: what a valid one gives, the messages a wrong one stops the start with. */
class CompliancePropertiesTest {

    private static ComplianceProperties properties(List<Regime> regimes, String state, String zone,
                                                   List<String> holidays, Duration window) {
        return new ComplianceProperties(new ComplianceProperties.Organisation(regimes, state, zone, holidays, true,
                false, List.of(), "America/New_York"), window);
    }

    @Test
    void aValidConfigurationGivesTheOrganisationsProfile() {
        ComplianceSettings settings = properties(List.of(Regime.DORA, Regime.NYDFS), "DE", "Europe/Berlin",
                List.of("2026-12-25"), Duration.ofHours(6)).settings();

        OrganisationProfile profile = settings.organisation();
        assertThat(profile.regimes()).containsExactlyInAnyOrder(Regime.DORA, Regime.NYDFS);
        assertThat(profile.memberState().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(profile.memberState().publicHolidays()).containsExactly(LocalDate.of(2026, 12, 25));
        assertThat(profile.doraWeekendRuleForInitialAndIntermediate()).isTrue();
        assertThat(settings.dueSoonWindow()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void anEuRegimeWithoutAMemberStateStopsTheStart() {
        assertThatThrownBy(() -> properties(List.of(Regime.GDPR), null, null, List.of(), Duration.ZERO).settings())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("incident-ledger.compliance.organisation.member-state is required when regimes"
                        + " include GDPR, NIS2 or DORA");
    }

    @Test
    void everyWrongValueIsNamedWithItsProperty() {
        assertThatThrownBy(() -> properties(List.of(Regime.DORA), "Germany", "Europe/Bonn",
                List.of("2026-01-01", "2026-13-01"), Duration.ofHours(-1)).settings())
                .hasMessageContaining("incident-ledger.compliance.due-soon-window must not be negative")
                .hasMessageContaining("organisation.zone 'Europe/Bonn' is not a time zone id")
                .hasMessageContaining("organisation.public-holidays[1] '2026-13-01' is not a date (yyyy-MM-dd)")
                .hasMessageContaining("organisation.member-state must be an ISO 3166-1 alpha-2 code");
    }

    @Test
    void aUsOnlyOrganisationNeedsNoMemberState() {
        ComplianceSettings settings = properties(List.of(Regime.SEC_8K, Regime.HIPAA), null, null, List.of(),
                Duration.ofHours(24)).settings();

        assertThat(settings.organisation().memberState()).isNull();
        assertThat(settings.applicable(Set.of(Regime.GDPR, Regime.HIPAA)))
                .as("an assessed EU regime has no calendar to count in").containsExactly(Regime.HIPAA);
    }

    @Test
    void theShippedConfigurationIsAGermanCaspWithGermanysNationalHolidaysOf2026And2027() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yml"))) {
            environment.getPropertySources().addLast(source);
        }
        ComplianceSettings settings = Binder.get(environment)
                .bindOrCreate("incident-ledger.compliance", ComplianceProperties.class).settings();

        OrganisationProfile profile = settings.organisation();
        assertThat(profile.regimes()).containsExactlyInAnyOrder(Regime.DORA, Regime.GDPR, Regime.NYDFS);
        assertThat(profile.memberState().code()).isEqualTo("DE");
        assertThat(profile.doraWeekendRuleForInitialAndIntermediate()).isTrue();
        assertThat(settings.dueSoonWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(new TreeSet<>(profile.memberState().publicHolidays()))
                .containsExactlyElementsOf(new TreeSet<>(germanNationalHolidays(2026, 2027)));
    }

    /** Germany's nine national holidays, the Easter-based ones from the Gregorian computus (Meeus/Jones/Butcher). */
    private static List<LocalDate> germanNationalHolidays(int... years) {
        List<LocalDate> days = new java.util.ArrayList<>();
        for (int year : years) {
            LocalDate easter = easterSunday(year);
            assertThat(easter.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
            days.addAll(List.of(LocalDate.of(year, 1, 1), easter.minusDays(2), easter.plusDays(1),
                    LocalDate.of(year, 5, 1), easter.plusDays(39), easter.plusDays(50), LocalDate.of(year, 10, 3),
                    LocalDate.of(year, 12, 25), LocalDate.of(year, 12, 26)));
        }
        return days;
    }

    private static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
