package io.incidentledger.compliance.clock;

import java.time.Instant;
import java.util.Objects;

import io.incidentledger.compliance.api.Anchor;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;

/**
 * One reporting stage of one incident, with its deadline and where it stands.
 *
 * @param regime      the regime of the stage
 * @param stage       the stage
 * @param anchor      the fact the clock runs from; for the DORA initial notification the limb that set the deadline
 * @param anchoredAt  when that fact happened; {@code null} while {@link ObligationStatus#NOT_STARTED}
 * @param dueAt       the earliest legally defensible deadline, with no extension applied; {@code null} while the
 *                    anchor is not recorded
 * @param graceUntil  the later instant a rule lets the report be submitted by (DORA noon of the next working day,
 *                    Reg. 1182/71 Art. 3(4) for month periods), or {@code null} when no rule extends the deadline
 * @param status      where the stage stands
 * @param submittedAt the earliest submission for the stage, or {@code null}
 * @param explanation one line saying how the due instant was derived and how the status was judged
 */
public record Obligation(
        Regime regime,
        Stage stage,
        Anchor anchor,
        Instant anchoredAt,
        Instant dueAt,
        Instant graceUntil,
        ObligationStatus status,
        Instant submittedAt,
        String explanation) {

    public Obligation {
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(explanation, "explanation");
        if (stage.regime() != regime) {
            throw new IllegalArgumentException(stage + " belongs to " + stage.regime() + ", not " + regime);
        }
    }

    /** The last instant a submission counts as on time: the grace instant when there is one, else the due instant. */
    public Instant lastOnTimeAt() {
        return graceUntil != null ? graceUntil : dueAt;
    }

    /** Submitted after the due instant but within a grace period, which counts as on time. */
    public boolean metWithinGrace() {
        return status == ObligationStatus.MET && dueAt != null && submittedAt != null && submittedAt.isAfter(dueAt);
    }
}
