package io.incidentledger.compliance.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;

/** Calendars and small helpers shared by the clock tests; local times are read in the zone named by the helper. */
final class ClockFixtures {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Germany's nationwide public holidays 2026-2028 (Easter-dependent ones included), as configuration would list. */
    static final MemberState GERMANY = new MemberState("DE", BERLIN, Set.of(
            LocalDate.parse("2026-01-01"), LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06"),
            LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-14"), LocalDate.parse("2026-05-25"),
            LocalDate.parse("2026-10-03"), LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26"),
            LocalDate.parse("2027-01-01"), LocalDate.parse("2027-03-26"), LocalDate.parse("2027-03-29"),
            LocalDate.parse("2027-05-01"), LocalDate.parse("2027-05-06"), LocalDate.parse("2027-05-17"),
            LocalDate.parse("2027-10-03"), LocalDate.parse("2027-12-25"), LocalDate.parse("2027-12-26"),
            LocalDate.parse("2028-01-01"), LocalDate.parse("2028-04-14"), LocalDate.parse("2028-04-17"),
            LocalDate.parse("2028-05-01"), LocalDate.parse("2028-05-25"), LocalDate.parse("2028-06-05"),
            LocalDate.parse("2028-10-03"), LocalDate.parse("2028-12-25"), LocalDate.parse("2028-12-26")));

    private ClockFixtures() {
    }

    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    static Instant newYork(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    }

    static LocalDateTime inBerlin(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, BERLIN);
    }

    static LocalDateTime inNewYork(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, NEW_YORK);
    }

    /** A CSV cell that may be empty, as a local date-time or {@code null}. */
    static LocalDateTime localOrNull(String cell) {
        return cell == null || cell.isBlank() ? null : LocalDateTime.parse(cell);
    }

    static OrganisationProfile euEntity(Regime... regimes) {
        return OrganisationProfile.inMemberState(GERMANY, regimes);
    }

    static Obligation only(List<Obligation> obligations, Stage stage) {
        List<Obligation> matching = obligations.stream().filter(o -> o.stage() == stage).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected exactly one " + stage + " in " + obligations);
        }
        return matching.get(0);
    }

    static boolean has(List<Obligation> obligations, Stage stage) {
        return obligations.stream().anyMatch(o -> o.stage() == stage);
    }
}
