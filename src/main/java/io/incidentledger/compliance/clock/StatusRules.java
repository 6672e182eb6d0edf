package io.incidentledger.compliance.clock;

import static io.incidentledger.compliance.clock.Times.at;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Stage;

/** Judges a derived deadline against the submissions and an instant; the rules are in {@link ClockCalculator}. */
final class StatusRules {

    private StatusRules() {
    }

    static Obligation judge(Deadline deadline, List<Instant> submissions, Instant now, Duration dueSoonWindow) {
        Instant first = submissions.isEmpty() ? null : submissions.get(0);
        if (!deadline.started()) {
            if (first == null) {
                return obligation(deadline, ObligationStatus.NOT_STARTED, null, deadline.derivation());
            }
            return obligation(deadline, ObligationStatus.MET, first, deadline.derivation() + "; submitted "
                    + at(first, deadline.zone()) + ", before its clock started, so on time");
        }
        Instant lastOnTime = deadline.graceUntil() != null ? deadline.graceUntil() : deadline.dueAt();
        String derivation = deadline.derivation();
        if (first != null) {
            String submitted = "; submitted " + at(first, deadline.zone());
            if (!first.isAfter(deadline.dueAt())) {
                return obligation(deadline, ObligationStatus.MET, first, derivation + submitted + ", on time");
            }
            if (!first.isAfter(lastOnTime)) {
                return obligation(deadline, ObligationStatus.MET, first, derivation + submitted
                        + ", after the due instant but within the grace period, so on time");
            }
            return obligation(deadline, ObligationStatus.LATE, first, derivation + submitted + ", after the last"
                    + " on-time instant " + at(lastOnTime, deadline.zone()) + ", late");
        }
        if (now.isAfter(lastOnTime)) {
            return obligation(deadline, ObligationStatus.MISSED, null, derivation + "; nothing submitted and the"
                    + " last on-time instant " + at(lastOnTime, deadline.zone()) + " has passed");
        }
        // A stage inside its grace period is past due: it stays "due soon" however small the window.
        if (!now.isBefore(deadline.dueAt().minus(dueSoonWindow))) {
            return obligation(deadline, ObligationStatus.DUE_SOON, null, derivation + "; not submitted yet");
        }
        return obligation(deadline, ObligationStatus.PENDING, null, derivation + "; not submitted yet");
    }

    private static Obligation obligation(Deadline deadline, ObligationStatus status, Instant submittedAt,
            String explanation) {
        Stage stage = deadline.stage();
        return new Obligation(stage.regime(), stage, deadline.anchor(), deadline.anchoredAt(), deadline.dueAt(),
                deadline.graceUntil(), status, submittedAt, stage.regime().label() + " " + stage.label() + ": "
                        + explanation);
    }
}
