package io.incidentledger.compliance.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The observed federal holidays, checked against OPM's published calendars for 2025-2028. */
class UsFederalHolidaysTest {

    static Stream<Arguments> observedHolidaysByYear() {
        return Stream.of(
                Arguments.of(2025, dates("2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19",
                        "2025-07-04", "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25")),
                Arguments.of(2026, dates("2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19",
                        "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25")),
                // 2027 has twelve: New Year's Day 2028 (a Saturday) is observed on Friday 31 December 2027.
                Arguments.of(2027, dates("2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18",
                        "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24",
                        "2027-12-31")),
                // 2028 has ten: its New Year's Day was observed in 2027.
                Arguments.of(2028, dates("2028-01-17", "2028-02-21", "2028-05-29", "2028-06-19", "2028-07-04",
                        "2028-09-04", "2028-10-09", "2028-11-10", "2028-11-23", "2028-12-25")));
    }

    private static LocalDate[] dates(String... isoDates) {
        return Arrays.stream(isoDates).map(LocalDate::parse).toArray(LocalDate[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("observedHolidaysByYear")
    void theObservedHolidaysOfAYearAreComputedFromTheirRules(int year, LocalDate[] expected) {
        assertThat(UsFederalHolidays.observedIn(year).keySet()).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Independence Day 2026 on a Saturday is observed Friday 3 July | 2026-07-03 | Independence Day (observed)
            Independence Day 2027 on a Sunday is observed Monday 5 July   | 2027-07-05 | Independence Day (observed)
            Juneteenth 2027 on a Saturday is observed Friday 18 June      | 2027-06-18 | Juneteenth National Independence Day (observed)
            New Year's Day 2028 is observed on 31 December 2027           | 2027-12-31 | New Year's Day (observed)
            Veterans Day 2028 on a Saturday is observed Friday 10 November | 2028-11-10 | Veterans Day (observed)
            Thanksgiving 2025 is the fourth Thursday of November          | 2025-11-27 | Thanksgiving Day
            Memorial Day 2027 is the last Monday of May                   | 2027-05-31 | Memorial Day
            """)
    void holidaysAreNamedOnTheDayTheyAreObserved(String scenario, String date, String name) {
        assertThat(UsFederalHolidays.holidayOn(LocalDate.parse(date))).contains(name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Saturday 4 July 2026 itself is not a closure day besides the weekend | 2026-07-04
            Saturday 1 January 2028 itself is not an observed holiday             | 2028-01-01
            Friday after Thanksgiving is a business day                          | 2026-11-27
            Christmas Eve 2026 is a business day                                  | 2026-12-24
            """)
    void daysThatAreNotObservedHolidays(String scenario, String date) {
        assertThat(UsFederalHolidays.holidayOn(LocalDate.parse(date))).isEmpty();
    }

    @ParameterizedTest(name = "Juneteenth is a holiday from 2021 on: {0}")
    @CsvSource({"2020, false", "2021, true", "2022, true"})
    void juneteenthIsAHolidayFrom2021(int year, boolean holiday) {
        assertThat(UsFederalHolidays.observedIn(year).containsValue("Juneteenth National Independence Day")
                || UsFederalHolidays.observedIn(year).containsValue("Juneteenth National Independence Day (observed)"))
                .isEqualTo(holiday);
    }
}
