package io.incidentledger.compliance.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as people read them in explanations: local time with the day of the week and the zone's abbreviation. */
final class Times {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("EEE uuuu-MM-dd HH:mm z",
            Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("EEE uuuu-MM-dd HH:mm:ss z",
            Locale.ENGLISH);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("z", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE uuuu-MM-dd", Locale.ENGLISH);

    private Times() {
    }

    static String at(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        if (local.toLocalTime().equals(CalendarRules.END_OF_DAY)) {
            return "the end of " + DAY.format(local) + " " + ZONE.format(local);
        }
        // Seconds only when they matter, so that "one second late" stays visible.
        boolean wholeMinute = local.getSecond() == 0 && local.getNano() == 0;
        return (wholeMinute ? MINUTES : SECONDS).format(local);
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }
}
