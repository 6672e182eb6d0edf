package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.Times.at;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.Stage;

/**
 * HIPAA breach of unsecured protected health information, 60 calendar days counted in the covered entity's zone,
 * keeping the local time of discovery. Individuals always (164.404); prominent media when more than 500 residents
 * of one State or jurisdiction are affected (164.406); the Secretary with the individuals' notice when 500 or more
 * are affected, otherwise within 60 days after the end of the calendar year of discovery (164.408). While nobody
 * has been counted the Secretary's earlier deadline is shown, and no media stage, since it cannot be known to apply.
 */
final class HipaaClock {

    private static final int DAYS = 60;
    private static final int MEDIA_MORE_THAN = 500;
    private static final int HHS_AT_LEAST = 500;

    private HipaaClock() {
    }

    static List<Deadline> deadlines(ComplianceFacts facts, OrganisationProfile profile) {
        Instant discovered = facts.hipaaDiscoveredAt();
        if (discovered == null) {
            return List.of();
        }
        ZoneId zone = profile.hipaaZone();
        Instant due = CalendarRules.plusDays(discovered, zone, DAYS);
        String sixtyDays = "60 calendar days after discovery (" + at(discovered, zone) + "), counted in " + zone;
        List<Deadline> deadlines = new ArrayList<>();
        deadlines.add(new Deadline(Stage.HIPAA_INDIVIDUALS, Anchor.HIPAA_DISCOVERY, discovered, due, null, zone,
                sixtyDays + " (45 CFR 164.404(b))"));

        Map<String, Integer> overMediaThreshold = facts.hipaaAffectedByState().entrySet().stream()
                .filter(entry -> entry.getValue() > MEDIA_MORE_THAN)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!overMediaThreshold.isEmpty()) {
            String states = overMediaThreshold.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", "));
            deadlines.add(new Deadline(Stage.HIPAA_MEDIA, Anchor.HIPAA_DISCOVERY, discovered, due, null, zone,
                    sixtyDays + ", more than 500 residents of a State affected (" + states + ") (45 CFR 164.406)"));
        }
        deadlines.add(secretary(facts, discovered, due, zone, sixtyDays));
        return deadlines;
    }

    private static Deadline secretary(ComplianceFacts facts, Instant discovered, Instant due, ZoneId zone,
            String sixtyDays) {
        if (facts.hipaaAffectedByState().isEmpty()) {
            return new Deadline(Stage.HIPAA_HHS, Anchor.HIPAA_DISCOVERY, discovered, due, null, zone, sixtyDays
                    + ", with the individuals' notice, because the number affected is not recorded yet and 500 or"
                    + " more would need it (45 CFR 164.408(b))");
        }
        int total = facts.hipaaAffectedTotal();
        if (total >= HHS_AT_LEAST) {
            return new Deadline(Stage.HIPAA_HHS, Anchor.HIPAA_DISCOVERY, discovered, due, null, zone, sixtyDays
                    + ", with the individuals' notice, " + total + " people affected (45 CFR 164.408(b))");
        }
        LocalDate discoveryDay = discovered.atZone(zone).toLocalDate();
        Instant yearEnd = ZonedDateTime.of(discoveryDay.getYear() + 1, 1, 1, 0, 0, 0, 0, zone).toInstant();
        Instant annualDue = CalendarRules.plusDays(yearEnd, zone, DAYS);
        return new Deadline(Stage.HIPAA_HHS, Anchor.HIPAA_END_OF_DISCOVERY_YEAR, yearEnd, annualDue, null, zone,
                "60 days after the end of " + discoveryDay.getYear() + ", the year of discovery, so by the end of "
                        + Times.day(annualDue.atZone(zone).toLocalDate().minusDays(1)) + " (" + total
                        + " people affected, fewer than 500: annual log, 45 CFR 164.408(c))");
    }
}
