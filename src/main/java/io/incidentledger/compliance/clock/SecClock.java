package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.Times.at;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.Stage;

/**
 * Form 8-K Item 1.05: filed within four business days after the registrant determined the incident to be material.
 * The day of the determination does not count; the four following days the SEC is open do. When the determination
 * is made on a Saturday, Sunday or holiday, General Instruction B.1 starts the period on, and includes, the first
 * business day thereafter, which is the same fourth day; the explanation says when B.1 applied. The due instant is
 * 17:30 Eastern on the fourth day, the last moment EDGAR still dates a filing that day. No grace: B.1 does not give
 * more time than counting the following business days already does.
 */
final class SecClock {

    private static final int BUSINESS_DAYS = 4;

    private SecClock() {
    }

    static List<Deadline> deadlines(ComplianceFacts facts, OrganisationProfile profile) {
        Instant determined = facts.secMaterialityDeterminedAt();
        if (determined == null) {
            return List.of();
        }
        SecCalendar calendar = new SecCalendar(profile.secAdditionalClosures());
        LocalDate determinationDay = determined.atZone(SecCalendar.EASTERN).toLocalDate();
        List<LocalDate> counted = new ArrayList<>();
        LocalDate day = determinationDay;
        while (counted.size() < BUSINESS_DAYS) {
            day = calendar.nextBusinessDayAfter(day);
            counted.add(day);
        }
        LocalDate lastDay = counted.get(counted.size() - 1);
        Instant due = ZonedDateTime.of(lastDay, SecCalendar.EDGAR_FILING_DATE_CUTOFF, SecCalendar.EASTERN)
                .toInstant();

        StringBuilder derivation = new StringBuilder("4 US business days after the materiality determination (")
                .append(at(determined, SecCalendar.EASTERN)).append(')');
        Optional<String> closed = calendar.closedBecause(determinationDay);
        closed.ifPresent(why -> derivation.append(", made on a day the SEC is closed (").append(why)
                .append("), so the period starts on and includes ").append(Times.day(counted.get(0)))
                .append(" (Form 8-K Gen. Instr. B.1)"));
        derivation.append(": counting ");
        for (int i = 0; i < counted.size(); i++) {
            derivation.append(i == 0 ? "" : ", ").append(Times.day(counted.get(i)));
        }
        List<String> skipped = skippedClosures(calendar, determinationDay, lastDay);
        if (!skipped.isEmpty()) {
            derivation.append(" and skipping ").append(String.join(", ", skipped));
        }
        derivation.append("; due 17:30 Eastern, after which EDGAR dates a filing the next business day");
        return List.of(new Deadline(Stage.SEC_8K_ITEM_1_05, Anchor.SEC_MATERIALITY_DETERMINATION, determined, due,
                null, SecCalendar.EASTERN, derivation.toString()));
    }

    /** Weekday closures between the determination day and the last counted day; weekends go without saying. */
    private static List<String> skippedClosures(SecCalendar calendar, LocalDate from, LocalDate to) {
        List<String> skipped = new ArrayList<>();
        for (LocalDate day = from.plusDays(1); day.isBefore(to); day = day.plusDays(1)) {
            int weekday = day.getDayOfWeek().getValue();
            if (weekday <= 5) {
                LocalDate closedDay = day;
                calendar.closedBecause(day)
                        .ifPresent(why -> skipped.add(Times.day(closedDay) + " (" + why + ")"));
            }
        }
        return skipped;
    }
}
