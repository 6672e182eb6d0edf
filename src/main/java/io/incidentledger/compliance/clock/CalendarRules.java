package io.incidentledger.compliance.clock;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How periods are counted. Hours are elapsed time on the instant line, so a 24 h period across a DST change ends
 * 24 real hours later (23 or 25 on the local clock). Days and months are counted on the local calendar of the
 * given zone and keep the local time of the anchor, so across a DST change they are an hour shorter or longer in
 * real time. Months follow Reg. (EEC, Euratom) 1182/71 Art. 3(2)(c): the same date in the later month, or that
 * month's last day when it has no such date (31 January + 1 month = 28 or 29 February).
 */
final class CalendarRules {

    static final LocalTime NOON = LocalTime.NOON;
    /**
     * The last instant of a day that the system records: instants are kept to the microsecond (the views' columns
     * hold no finer), so the day's last nanosecond would be a deadline no stored time could be compared with exactly.
     */
    static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59, 999_999_000);

    private CalendarRules() {
    }

    static Instant plusHours(Instant from, long hours) {
        return from.plus(Duration.ofHours(hours));
    }

    /**
     * Months on the local calendar. A local time that does not exist on the resulting day (the spring-forward
     * gap) moves forward by the length of the gap, as {@link ZonedDateTime#plusMonths} does; in the fall-back
     * overlap the earlier of the two instants is kept, the earlier deadline.
     */
    static Instant plusMonths(Instant from, ZoneId zone, long months) {
        return from.atZone(zone).plusMonths(months).withEarlierOffsetAtOverlap().toInstant();
    }

    /** Calendar days on the local calendar, with the same gap and overlap handling as {@link #plusMonths}. */
    static Instant plusDays(Instant from, ZoneId zone, long days) {
        return from.atZone(zone).plusDays(days).withEarlierOffsetAtOverlap().toInstant();
    }

    /**
     * DORA RTS 2025/301 Art. 5(4): a deadline falling on a weekend day or a bank holiday in the Member State may be
     * met by 12:00 noon on the next working day. {@code null} when the deadline falls on a working day.
     */
    static Instant doraNoonOfNextWorkingDay(Instant due, MemberState state) {
        LocalDate day = due.atZone(state.zone()).toLocalDate();
        if (state.isWorkingDay(day)) {
            return null;
        }
        return ZonedDateTime.of(state.nextWorkingDayAfter(day), NOON, state.zone()).toInstant();
    }

    /**
     * Reg. 1182/71 Art. 3(4): a period expressed otherwise than in hours whose last day is a Saturday, Sunday or
     * public holiday ends with the expiry of the last hour of the following working day. The instant returned is the
     * last recorded instant of that day ({@link #END_OF_DAY}), so that "submitted at or before" reads naturally.
     * {@code null} when the last day is a working day.
     */
    static Instant endOfNextWorkingDay(Instant due, MemberState state) {
        LocalDate day = due.atZone(state.zone()).toLocalDate();
        if (state.isWorkingDay(day)) {
            return null;
        }
        return ZonedDateTime.of(state.nextWorkingDayAfter(day), END_OF_DAY, state.zone()).toInstant();
    }

    /** Why a day is not a working day in the Member State, in a few words. */
    static String nonWorkingReason(LocalDate day, MemberState state) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return "a " + (day.getDayOfWeek() == DayOfWeek.SATURDAY ? "Saturday" : "Sunday");
        }
        return "a public holiday in " + state.code();
    }
}
