package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.Times.at;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.Stage;

/** GDPR Art. 33(1): a personal-data breach is notified to the supervisory authority within 72 hours of awareness. */
final class GdprClock {

    private static final long HOURS = 72;

    private GdprClock() {
    }

    static List<Deadline> deadlines(ComplianceFacts facts, OrganisationProfile profile) {
        if (!facts.personalDataBreach()) {
            return List.of();
        }
        ZoneId zone = profile.memberState().zone();
        Instant aware = facts.awareAt();
        return List.of(new Deadline(Stage.GDPR_SA_NOTIFICATION, Anchor.AWARENESS, aware,
                CalendarRules.plusHours(aware, HOURS), null, zone,
                "72 h after awareness (" + at(aware, zone) + "), in elapsed hours with no weekend or holiday"
                        + " extension (GDPR Art. 33(1); Reg. 1182/71 Art. 3(4) does not apply to hours)"));
    }
}
