package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.Times.at;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.Stage;

/**
 * NYDFS 23 NYCRR 500.17: incident notice 72 h after determining that a cybersecurity incident occurred, and for an
 * extortion payment a notice 24 h after it and a written justification 30 days after it. Hours are elapsed time;
 * the 30 days are calendar days in New York time, keeping the local time of the payment.
 */
final class NydfsClock {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private NydfsClock() {
    }

    static List<Deadline> deadlines(ComplianceFacts facts, OrganisationProfile profile) {
        List<Deadline> deadlines = new ArrayList<>();
        Instant determined = facts.nydfsDeterminedAt();
        if (determined != null) {
            deadlines.add(new Deadline(Stage.NYDFS_INCIDENT_NOTICE, Anchor.NYDFS_INCIDENT_DETERMINATION, determined,
                    CalendarRules.plusHours(determined, 72), null, NEW_YORK,
                    "72 h after determining that a cybersecurity incident occurred (" + at(determined, NEW_YORK)
                            + "), in elapsed hours (23 NYCRR 500.17(a)(1))"));
        }
        Instant paid = facts.nydfsExtortionPaidAt();
        if (paid != null) {
            deadlines.add(new Deadline(Stage.NYDFS_EXTORTION_NOTICE, Anchor.NYDFS_EXTORTION_PAYMENT, paid,
                    CalendarRules.plusHours(paid, 24), null, NEW_YORK,
                    "24 h after the extortion payment (" + at(paid, NEW_YORK) + "), in elapsed hours"
                            + " (23 NYCRR 500.17(c)(1))"));
            deadlines.add(new Deadline(Stage.NYDFS_EXTORTION_JUSTIFICATION, Anchor.NYDFS_EXTORTION_PAYMENT, paid,
                    CalendarRules.plusDays(paid, NEW_YORK, 30), null, NEW_YORK,
                    "30 calendar days after the extortion payment (" + at(paid, NEW_YORK) + "), counted in New York"
                            + " time (23 NYCRR 500.17(c)(2))"));
        }
        return deadlines;
    }
}
