package io.incidentledger.compliance.clock;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * The EU Member State whose calendar the EU clocks use: its time zone for day and month arithmetic, and its public
 * holidays for the weekend and holiday rules (DORA RTS 2025/301 Art. 5(4), Reg. 1182/71 Art. 3(4)). The holidays
 * come from configuration; they differ per State and some move every year (Easter).
 *
 * @param code           ISO 3166-1 alpha-2 code, e.g. {@code DE}
 * @param zone           the State's legal time zone, e.g. {@code Europe/Berlin}
 * @param publicHolidays the State's public holidays (bank holidays) for every year that clocks may touch
 */
public record MemberState(String code, ZoneId zone, Set<LocalDate> publicHolidays) {

    public MemberState {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(zone, "zone");
        publicHolidays = publicHolidays == null ? Set.of() : Set.copyOf(publicHolidays);
    }

    /** Monday to Friday and not a public holiday of this State. */
    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !publicHolidays.contains(date);
    }

    /** The first working day strictly after {@code date}. */
    public LocalDate nextWorkingDayAfter(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
