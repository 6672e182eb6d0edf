package io.incidentledger.compliance.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The counting rules in isolation, with the expected instants in UTC so that DST effects are visible: hours are
 * elapsed time, days and months keep the local time.
 */
class CalendarRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Berlin spring-forward: 20:00 CET + 24 h = 21:00 CEST             | Europe/Berlin    | 2026-03-28T20:00 | 24 | 2026-03-29T19:00:00Z
            Berlin fall-back: 20:00 CEST + 24 h = 19:00 CET                  | Europe/Berlin    | 2026-10-24T20:00 | 24 | 2026-10-25T18:00:00Z
            New York spring-forward: 20:00 EST + 24 h = 21:00 EDT            | America/New_York | 2026-03-07T20:00 | 24 | 2026-03-09T01:00:00Z
            New York fall-back: 20:00 EDT + 72 h = 19:00 EST                 | America/New_York | 2026-10-30T20:00 | 72 | 2026-11-03T00:00:00Z
            """)
    void hoursAreElapsedTime(String scenario, ZoneId zone, String local, long hours, String expected) {
        Instant from = LocalDateTime.parse(local).atZone(zone).toInstant();

        assertThat(CalendarRules.plusHours(from, hours)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            31 January + 1 month = 28 February 2026                            | Europe/Berlin | 2026-01-31T10:00 | 1  | 2026-02-28T09:00:00Z
            31 January + 1 month = 29 February 2028, leap year                | Europe/Berlin | 2028-01-31T10:00 | 1  | 2028-02-29T09:00:00Z
            30 January + 1 month = 28 February 2027                            | Europe/Berlin | 2027-01-30T10:00 | 1  | 2027-02-28T09:00:00Z
            28 February + 1 month = 28 March, not the month end                | Europe/Berlin | 2026-02-28T10:00 | 1  | 2026-03-28T09:00:00Z
            31 May + 1 month = 30 June                                         | Europe/Berlin | 2026-05-31T10:00 | 1  | 2026-06-30T08:00:00Z
            31 December + 1 month = 31 January next year                       | Europe/Berlin | 2026-12-31T23:30 | 1  | 2027-01-31T22:30:00Z
            29 February 2028 + 12 months = 28 February 2029                    | Europe/Berlin | 2028-02-29T10:00 | 12 | 2029-02-28T09:00:00Z
            10:00 CET + 1 month across spring-forward = 10:00 CEST             | Europe/Berlin | 2026-03-10T10:00 | 1  | 2026-04-10T08:00:00Z
            10:00 CEST + 1 month across fall-back = 10:00 CET                  | Europe/Berlin | 2026-10-09T10:00 | 1  | 2026-11-09T09:00:00Z
            02:30 landing in the spring-forward gap moves to 03:30 CEST        | Europe/Berlin | 2027-02-28T02:30 | 1  | 2027-03-28T01:30:00Z
            02:30 CET + 9 months lands in the fall-back overlap: earlier, CEST | Europe/Berlin | 2026-01-25T02:30 | 9  | 2026-10-25T00:30:00Z
            """)
    void monthsFollowRegulation1182Of1971OnTheLocalCalendar(String scenario, ZoneId zone, String local, long months,
            String expected) {
        Instant from = LocalDateTime.parse(local).atZone(zone).toInstant();

        assertThat(CalendarRules.plusMonths(from, zone, months)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            10:00 EST + 30 days across spring-forward = 10:00 EDT                 | America/New_York | 2026-02-20T10:00-05:00 | 30  | 2026-03-22T14:00:00Z
            10:00 EDT + 30 days across fall-back = 10:00 EST                      | America/New_York | 2026-10-20T10:00-04:00 | 30  | 2026-11-19T15:00:00Z
            the second 01:30 of 2025's fall-back + 364 days: 2026 overlap, earlier EDT | America/New_York | 2025-11-02T01:30-05:00 | 364 | 2026-11-01T05:30:00Z
            """)
    void daysKeepTheLocalTime(String scenario, ZoneId zone, String from, long days, String expected) {
        assertThat(CalendarRules.plusDays(OffsetDateTime.parse(from).toInstant(), zone, days))
                .isEqualTo(Instant.parse(expected));
    }
}
