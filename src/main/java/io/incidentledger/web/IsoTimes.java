package io.incidentledger.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The only text forms of time the API reads, in bodies and in query parameters alike: an ISO-8601 instant with its
 * offset ({@code 2026-11-23T07:45:00Z}, {@code 2026-11-23T08:45:00+01:00}) and an ISO-8601 date ({@code 2026-12-31}).
 * No epoch numbers, no date where an instant is meant, no time where a date is.
 */
public final class IsoTimes {

    public static final String INSTANT_EXAMPLE = "2026-11-23T07:45:00Z";
    public static final String DATE_EXAMPLE = "2026-12-31";

    private IsoTimes() {
    }

    /** @throws java.time.format.DateTimeParseException if the text is not an ISO-8601 instant */
    public static Instant instant(String text) {
        return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
    }

    /** @throws java.time.format.DateTimeParseException if the text is not an ISO-8601 date */
    public static LocalDate date(String text) {
        return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
    }
}
