package io.incidentledger.compliance.clock;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * The days the SEC is open for business (Form 8-K Gen. Instr. B.1 counts these) and the EDGAR time of day that
 * decides the filing date. Business days are counted in Eastern time, where the Commission is.
 */
final class SecCalendar {

    static final ZoneId EASTERN = ZoneId.of("America/New_York");

    /** A filing submitted after 17:30 Eastern is dated the next business day, so this is the last on-time instant. */
    static final LocalTime EDGAR_FILING_DATE_CUTOFF = LocalTime.of(17, 30);

    private final Set<LocalDate> additionalClosures;

    SecCalendar(Set<LocalDate> additionalClosures) {
        this.additionalClosures = Set.copyOf(additionalClosures);
    }

    boolean isBusinessDay(LocalDate date) {
        return closedBecause(date).isEmpty();
    }

    /** Why the SEC is closed on {@code date}, or empty on a business day. */
    Optional<String> closedBecause(LocalDate date) {
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return Optional.of("Saturday");
        }
        if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return Optional.of("Sunday");
        }
        Optional<String> holiday = UsFederalHolidays.holidayOn(date);
        if (holiday.isPresent()) {
            return holiday;
        }
        return additionalClosures.contains(date) ? Optional.of("SEC closed (configured)") : Optional.empty();
    }

    LocalDate nextBusinessDayAfter(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
