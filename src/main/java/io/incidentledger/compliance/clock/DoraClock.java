package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.Times.at;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.Stage;

/**
 * DORA major ICT-related incidents, time limits of RTS 2025/301 Art. 5.
 * <ul>
 *   <li>Initial notification: within 4 h of classification as major but no later than 24 h after awareness, so
 *       {@code min(classified + 4 h, aware + 24 h)}; when classification comes more than 24 h after awareness,
 *       {@code classified + 4 h} (Art. 5(1)(a), 5(2)).</li>
 *   <li>Intermediate report: 72 h after the initial notification was submitted (Art. 5(1)(b)).</li>
 *   <li>Final report: one calendar month after the latest intermediate report (Art. 5(1)(c)).</li>
 * </ul>
 * A deadline falling on a weekend day or a bank holiday in the Member State may be met by noon of the next working
 * day (Art. 5(4)); that rule replaces Reg. 1182/71 Art. 3(4). The entity may use it for the final report always,
 * and for the initial and intermediate reports only when its profile says so (Art. 5(5), 5(6)).
 */
final class DoraClock {

    private static final String NOON_RULE = "RTS 2025/301 Art. 5(4)";

    private DoraClock() {
    }

    static List<Deadline> deadlines(ComplianceFacts facts, OrganisationProfile profile) {
        if (facts.doraMajorClassifiedAt() == null) {
            return List.of();
        }
        MemberState state = profile.memberState();
        boolean earlyReportsMayUseNoonRule = profile.doraWeekendRuleForInitialAndIntermediate();
        return List.of(initial(facts, state, earlyReportsMayUseNoonRule),
                intermediate(facts, state, earlyReportsMayUseNoonRule),
                finalReport(facts, state));
    }

    private static Deadline initial(ComplianceFacts facts, MemberState state, boolean noonRule) {
        ZoneId zone = state.zone();
        Instant aware = facts.awareAt();
        Instant classified = facts.doraMajorClassifiedAt();
        Instant awarenessLimb = CalendarRules.plusHours(aware, 24);
        Instant classificationLimb = CalendarRules.plusHours(classified, 4);
        if (classified.isAfter(awarenessLimb)) {
            return withNoonRule(Stage.DORA_INITIAL, Anchor.DORA_MAJOR_CLASSIFICATION, classified, classificationLimb,
                    "4 h after classification as major (" + at(classified, zone) + "), because classification came"
                            + " more than 24 h after awareness (" + at(aware, zone) + ") (RTS 2025/301 Art. 5(2))",
                    state, noonRule);
        }
        if (!classificationLimb.isAfter(awarenessLimb)) {
            return withNoonRule(Stage.DORA_INITIAL, Anchor.DORA_MAJOR_CLASSIFICATION, classified, classificationLimb,
                    "4 h after classification as major (" + at(classified, zone) + "), not later than the 24 h"
                            + " after awareness limb (" + at(awarenessLimb, zone) + ") (RTS 2025/301 Art. 5(1)(a))",
                    state, noonRule);
        }
        return withNoonRule(Stage.DORA_INITIAL, Anchor.AWARENESS, aware, awarenessLimb,
                "24 h after awareness (" + at(aware, zone) + "), earlier than the 4 h after classification limb ("
                        + at(classificationLimb, zone) + ") (RTS 2025/301 Art. 5(1)(a))",
                state, noonRule);
    }

    private static Deadline intermediate(ComplianceFacts facts, MemberState state, boolean noonRule) {
        List<Instant> initials = facts.submissionsOf(Stage.DORA_INITIAL);
        if (initials.isEmpty()) {
            return Deadline.notStarted(Stage.DORA_INTERMEDIATE, Anchor.DORA_INITIAL_SUBMITTED, state.zone(),
                    "runs 72 h from the submission of the initial notification, which is not recorded yet"
                            + " (RTS 2025/301 Art. 5(1)(b))");
        }
        Instant submitted = initials.get(0);
        return withNoonRule(Stage.DORA_INTERMEDIATE, Anchor.DORA_INITIAL_SUBMITTED, submitted,
                CalendarRules.plusHours(submitted, 72),
                "72 h after the initial notification was submitted (" + at(submitted, state.zone())
                        + "), in elapsed hours (RTS 2025/301 Art. 5(1)(b))",
                state, noonRule);
    }

    private static Deadline finalReport(ComplianceFacts facts, MemberState state) {
        ZoneId zone = state.zone();
        List<Instant> finals = facts.submissionsOf(Stage.DORA_FINAL);
        // An intermediate report sent after the final one cannot move the final report's own deadline.
        List<Instant> intermediates = facts.submissionsOf(Stage.DORA_INTERMEDIATE).stream()
                .filter(at -> finals.isEmpty() || !at.isAfter(finals.get(0)))
                .toList();
        if (intermediates.isEmpty()) {
            return Deadline.notStarted(Stage.DORA_FINAL, Anchor.DORA_LATEST_INTERMEDIATE_SUBMITTED, zone,
                    "runs one month from the submission of the latest intermediate report, none recorded yet"
                            + " (RTS 2025/301 Art. 5(1)(c))");
        }
        Instant latest = intermediates.get(intermediates.size() - 1);
        String which = intermediates.size() == 1 ? "the intermediate report"
                : "the latest of " + intermediates.size() + " intermediate reports";
        return withNoonRule(Stage.DORA_FINAL, Anchor.DORA_LATEST_INTERMEDIATE_SUBMITTED, latest,
                CalendarRules.plusMonths(latest, zone, 1),
                "one calendar month after " + which + " was submitted (" + at(latest, zone) + "), same date next"
                        + " month or its last day, in " + state.code() + " local time (RTS 2025/301 Art. 5(1)(c);"
                        + " Reg. 1182/71 Art. 3(2)(c))",
                state, true);
    }

    private static Deadline withNoonRule(Stage stage, Anchor anchor, Instant anchoredAt, Instant due,
            String derivation, MemberState state, boolean noonRuleAllowed) {
        ZoneId zone = state.zone();
        LocalDate dueDay = due.atZone(zone).toLocalDate();
        if (state.isWorkingDay(dueDay)) {
            return new Deadline(stage, anchor, anchoredAt, due, null, zone, derivation);
        }
        String reason = CalendarRules.nonWorkingReason(dueDay, state);
        if (!noonRuleAllowed) {
            return new Deadline(stage, anchor, anchoredAt, due, null, zone, derivation + "; it falls on " + reason
                    + " but this entity may not use the noon-next-working-day rule for this report ("
                    + NOON_RULE + ", 5(5))");
        }
        Instant grace = CalendarRules.doraNoonOfNextWorkingDay(due, state);
        return new Deadline(stage, anchor, anchoredAt, due, grace, zone, derivation + "; it falls on " + reason
                + ", so it may be submitted until 12:00 on the next working day, " + at(grace, zone) + " ("
                + NOON_RULE + "), and a submission by then counts as on time");
    }
}
