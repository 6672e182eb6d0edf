package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.Times.at;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.Stage;

/**
 * NIS2 Art. 23(4) for a significant incident: early warning 24 h and incident notification 72 h after awareness
 * (24 h for a trust service provider), in elapsed hours; final report one month after the incident notification was
 * submitted, as a calendar month in the Member State, with Reg. 1182/71 Art. 3(4) as the grace when that month
 * ends on a non-working day. The national transposition may say otherwise about the month; the explanation says so.
 */
final class Nis2Clock {

    private Nis2Clock() {
    }

    static List<Deadline> deadlines(ComplianceFacts facts, OrganisationProfile profile) {
        if (!facts.nis2Significant()) {
            return List.of();
        }
        MemberState state = profile.memberState();
        ZoneId zone = state.zone();
        Instant aware = facts.awareAt();
        long notificationHours = profile.nis2TrustServiceProvider() ? 24 : 72;
        String notificationRule = profile.nis2TrustServiceProvider()
                ? "24 h (trust service provider)" : "72 h";
        return List.of(
                new Deadline(Stage.NIS2_EARLY_WARNING, Anchor.AWARENESS, aware, CalendarRules.plusHours(aware, 24),
                        null, zone, "24 h after awareness of the significant incident (" + at(aware, zone)
                                + "), in elapsed hours (NIS2 Art. 23(4)(a))"),
                new Deadline(Stage.NIS2_NOTIFICATION, Anchor.AWARENESS, aware,
                        CalendarRules.plusHours(aware, notificationHours), null, zone,
                        notificationRule + " after awareness of the significant incident (" + at(aware, zone)
                                + "), in elapsed hours (NIS2 Art. 23(4)(b))"),
                finalReport(facts, state));
    }

    private static Deadline finalReport(ComplianceFacts facts, MemberState state) {
        ZoneId zone = state.zone();
        List<Instant> notifications = facts.submissionsOf(Stage.NIS2_NOTIFICATION);
        if (notifications.isEmpty()) {
            return Deadline.notStarted(Stage.NIS2_FINAL, Anchor.NIS2_NOTIFICATION_SUBMITTED, zone,
                    "runs one month from the submission of the incident notification, which is not recorded yet"
                            + " (NIS2 Art. 23(4)(d))");
        }
        // The first submission is the notification; later ones update it and do not restart the month.
        Instant notified = notifications.get(0);
        Instant due = CalendarRules.plusMonths(notified, zone, 1);
        Instant grace = CalendarRules.endOfNextWorkingDay(due, state);
        String derivation = "one calendar month after the incident notification was submitted ("
                + at(notified, zone) + "), same date next month or its last day, in " + state.code()
                + " local time (NIS2 Art. 23(4)(d); Reg. 1182/71 Art. 3(2)(c); check the national transposition)";
        if (grace != null) {
            LocalDate dueDay = due.atZone(zone).toLocalDate();
            derivation += "; the month ends on " + CalendarRules.nonWorkingReason(dueDay, state)
                    + ", so it runs to the end of the next working day, " + at(grace, zone)
                    + " (Reg. 1182/71 Art. 3(4)), and a submission by then counts as on time";
        }
        return new Deadline(Stage.NIS2_FINAL, Anchor.NIS2_NOTIFICATION_SUBMITTED, notified, due, grace, zone,
                derivation);
    }
}
