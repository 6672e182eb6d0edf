package io.incidentledger.compliance.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;

/**
 * Derives every reporting obligation of one incident from its recorded facts: a pure function of the facts, the
 * organisation's profile and the instant to judge at. It reads no clock, so a replay or an auditor with the same
 * inputs gets the same answer.
 *
 * <p>Which stages appear: for each regime the organisation is subject to whose trigger is recorded (a personal-data
 * breach, a significant NIS2 incident, a DORA major classification, an SEC materiality determination, a HIPAA
 * discovery, an NYDFS determination or extortion payment), every stage of that regime with a computable deadline,
 * in {@link Stage} order. A stage whose own anchor is a later fact (the DORA intermediate and final reports, the
 * NIS2 final report) is listed as {@link ObligationStatus#NOT_STARTED} until that fact is recorded.
 *
 * <p>Statuses. {@code dueAt} is the earliest legally defensible deadline; {@code graceUntil}, when a rule grants
 * one, is the later instant a submission still counts as on time. The last on-time instant is {@code graceUntil}
 * when present, else {@code dueAt}. Only the earliest submission of a stage is judged.
 * <ul>
 *   <li>{@code NOT_STARTED}: the anchor is not recorded and nothing was submitted. (A submission made before the
 *       anchor exists, e.g. a combined report, is {@code MET}: no deadline can have passed.)</li>
 *   <li>{@code MET}: submitted at or before the last on-time instant, so exactly at {@code dueAt} is met, and so is
 *       a submission within grace ({@link Obligation#metWithinGrace()} tells those apart).</li>
 *   <li>{@code LATE}: submitted after the last on-time instant, even by one nanosecond.</li>
 *   <li>{@code MISSED}: nothing submitted and {@code now} is after the last on-time instant.</li>
 *   <li>{@code DUE_SOON}: nothing submitted, not missed, and {@code now >= dueAt - dueSoonWindow} (which includes
 *       the time between {@code dueAt} and {@code graceUntil}).</li>
 *   <li>{@code PENDING}: nothing submitted and {@code now} is before that window.</li>
 * </ul>
 * Submissions are taken as recorded, whatever their relation to {@code now}; {@code now} only decides between
 * pending, due soon and missed.
 */
public final class ClockCalculator {

    private ClockCalculator() {
    }

    /**
     * The obligations of one incident at instant {@code now}.
     *
     * @param dueSoonWindow how long before {@code dueAt} an unsubmitted stage becomes {@code DUE_SOON}; not negative
     * @throws IllegalArgumentException if the window is negative
     */
    public static List<Obligation> obligations(ComplianceFacts facts, OrganisationProfile profile, Instant now,
            Duration dueSoonWindow) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(dueSoonWindow, "dueSoonWindow");
        if (dueSoonWindow.isNegative()) {
            throw new IllegalArgumentException("the due-soon window must not be negative: " + dueSoonWindow);
        }
        List<Deadline> deadlines = new ArrayList<>();
        for (Regime regime : Regime.values()) {
            if (profile.isSubjectTo(regime)) {
                deadlines.addAll(deadlines(regime, facts, profile));
            }
        }
        return deadlines.stream()
                .sorted(Comparator.comparing(Deadline::stage))
                .map(deadline -> StatusRules.judge(deadline, facts.submissionsOf(deadline.stage()), now,
                        dueSoonWindow))
                .toList();
    }

    private static List<Deadline> deadlines(Regime regime, ComplianceFacts facts, OrganisationProfile profile) {
        return switch (regime) {
            case GDPR -> GdprClock.deadlines(facts, profile);
            case NIS2 -> Nis2Clock.deadlines(facts, profile);
            case DORA -> DoraClock.deadlines(facts, profile);
            case SEC_8K -> SecClock.deadlines(facts, profile);
            case HIPAA -> HipaaClock.deadlines(facts, profile);
            case NYDFS -> NydfsClock.deadlines(facts, profile);
        };
    }
}
