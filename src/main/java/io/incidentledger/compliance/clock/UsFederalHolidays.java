package io.incidentledger.compliance.clock;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The legal public holidays of 5 U.S.C. 6103(a) on the days they are observed, computed from their rules rather
 * than listed: fixed dates (New Year's Day, Juneteenth from 2021, Independence Day, Veterans Day, Christmas Day)
 * and nth-weekday holidays (Martin Luther King Jr. Day, Washington's Birthday, Memorial Day, Labor Day, Columbus
 * Day, Thanksgiving Day). A fixed date falling on a Saturday is observed on the Friday before, one falling on a
 * Sunday on the Monday after (5 U.S.C. 6103(b), Executive Order 11582). The SEC is closed on these days.
 *
 * <p>Because of that rule New Year's Day of one year can be observed on 31 December of the year before (1 January
 * 2028 is a Saturday, so Friday 31 December 2027 is the holiday). Closures that no rule predicts, such as a
 * national day of mourning or Inauguration Day in the Washington area, are not computed; they are configured as
 * {@link OrganisationProfile#secAdditionalClosures()}.
 */
public final class UsFederalHolidays {

    /** The year Juneteenth National Independence Day became a legal public holiday (Pub. L. 117-17). */
    private static final int FIRST_JUNETEENTH = 2021;

    private UsFederalHolidays() {
    }

    /** The holidays observed on days of {@code year}, by observed date, with their names. */
    public static SortedMap<LocalDate, String> observedIn(int year) {
        TreeMap<LocalDate, String> days = new TreeMap<>();
        addFixed(days, year, LocalDate.of(year, Month.JANUARY, 1), "New Year's Day");
        // The next New Year's Day lands in this year when it falls on a Saturday.
        addFixed(days, year, LocalDate.of(year + 1, Month.JANUARY, 1), "New Year's Day");
        days.put(nth(year, Month.JANUARY, 3, DayOfWeek.MONDAY), "Birthday of Martin Luther King, Jr.");
        days.put(nth(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY), "Washington's Birthday");
        days.put(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                "Memorial Day");
        if (year >= FIRST_JUNETEENTH) {
            addFixed(days, year, LocalDate.of(year, Month.JUNE, 19), "Juneteenth National Independence Day");
        }
        addFixed(days, year, LocalDate.of(year, Month.JULY, 4), "Independence Day");
        days.put(nth(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY), "Labor Day");
        days.put(nth(year, Month.OCTOBER, 2, DayOfWeek.MONDAY), "Columbus Day");
        addFixed(days, year, LocalDate.of(year, Month.NOVEMBER, 11), "Veterans Day");
        days.put(nth(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY), "Thanksgiving Day");
        addFixed(days, year, LocalDate.of(year, Month.DECEMBER, 25), "Christmas Day");
        return Collections.unmodifiableSortedMap(days);
    }

    /** The holiday observed on {@code date}, if any. */
    public static Optional<String> holidayOn(LocalDate date) {
        return Optional.ofNullable(observedIn(date.getYear()).get(date));
    }

    private static void addFixed(Map<LocalDate, String> days, int year, LocalDate actual, String name) {
        LocalDate observed = switch (actual.getDayOfWeek()) {
            case SATURDAY -> actual.minusDays(1);
            case SUNDAY -> actual.plusDays(1);
            default -> actual;
        };
        if (observed.getYear() == year) {
            days.put(observed, observed.equals(actual) ? name : name + " (observed)");
        }
    }

    private static LocalDate nth(int year, Month month, int ordinal, DayOfWeek day) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
    }
}
