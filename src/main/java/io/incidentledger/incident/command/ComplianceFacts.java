package io.incidentledger.incident.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.compliance.api.AssessRegimes;
import io.incidentledger.compliance.api.AwarenessRecorded;
import io.incidentledger.compliance.api.DetermineMateriality;
import io.incidentledger.compliance.api.ExtortionPaymentRecorded;
import io.incidentledger.compliance.api.MaterialityDetermined;
import io.incidentledger.compliance.api.RecordAwareness;
import io.incidentledger.compliance.api.RecordExtortionPayment;
import io.incidentledger.compliance.api.RecordRegulatoryClassification;
import io.incidentledger.compliance.api.RecordReportSubmission;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegimesAssessed;
import io.incidentledger.compliance.api.RegulatoryClassificationRecorded;
import io.incidentledger.compliance.api.RegulatoryReportSubmitted;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentReported;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The facts regulators ask about (awareness, classification, materiality, extortion payments, the regimes that apply,
 * the reports submitted), recorded whatever the incident's status, since reports follow long after resolution. None
 * is before the incident occurred; once the regimes are assessed, facts and reports of other regimes are refused.
 *
 * <p>Its state is a field of the incident's snapshot, hence the field access for Jackson.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class ComplianceFacts {

    private Instant occurredAt;
    private Instant detectedAt;
    private boolean regimesAssessed;
    private final EnumSet<Regime> assessedRegimes = EnumSet.noneOf(Regime.class);

    @CommandHandler
    void handle(RecordAwareness command) {
        Require.time("awareAt", command.awareAt());
        requireNotBeforeOccurrence("awareAt", command.awareAt());
        Require.text("basis", command.basis());
        apply(new AwarenessRecorded(command.incidentId(), command.awareAt(), command.basis()));
    }

    @CommandHandler
    void handle(RecordRegulatoryClassification command) {
        if (command.classification() == null) {
            throw CommandRefusedException.invalid("missing-classification", "classification is required");
        }
        Require.time("classifiedAt", command.classifiedAt());
        requireNotBeforeOccurrence("classifiedAt", command.classifiedAt());
        requireApplicable(command.incidentId(), command.classification().regime());
        Map<String, Integer> affected = command.affectedByState() == null ? Map.of() : command.affectedByState();
        affected.forEach((state, people) -> {
            if (state == null || state.isBlank() || people == null || people < 0) {
                throw CommandRefusedException.invalid("invalid-affected-count",
                        "affectedByState needs a State and a count of zero or more people for each entry");
            }
        });
        apply(new RegulatoryClassificationRecorded(command.incidentId(), command.classification(),
                command.classifiedAt(), Map.copyOf(affected), command.rationale()));
    }

    @CommandHandler
    void handle(DetermineMateriality command) {
        Require.time("determinedAt", command.determinedAt());
        requireNotBeforeOccurrence("determinedAt", command.determinedAt());
        Require.text("rationale", command.rationale());
        requireApplicable(command.incidentId(), Regime.SEC_8K);
        apply(new MaterialityDetermined(command.incidentId(), command.determinedAt(), command.material(),
                command.rationale()));
    }

    @CommandHandler
    void handle(RecordExtortionPayment command) {
        Require.time("paidAt", command.paidAt());
        requireNotBeforeOccurrence("paidAt", command.paidAt());
        requireApplicable(command.incidentId(), Regime.NYDFS);
        apply(new ExtortionPaymentRecorded(command.incidentId(), command.paidAt(), command.description()));
    }

    @CommandHandler
    void handle(AssessRegimes command) {
        if (command.regimes() == null || command.regimes().stream().anyMatch(Objects::isNull)) {
            throw CommandRefusedException.invalid("missing-regimes", "regimes is required (an empty list: none)");
        }
        Require.text("rationale", command.rationale());
        apply(new RegimesAssessed(command.incidentId(), command.regimes().stream().distinct().sorted().toList(),
                command.rationale()));
    }

    @CommandHandler
    void handle(RecordReportSubmission command) {
        if (command.stage() == null) {
            throw CommandRefusedException.invalid("missing-stage", "stage is required");
        }
        Require.time("submittedAt", command.submittedAt());
        Require.notBefore("submittedAt", command.submittedAt(), detectedAt);
        requireApplicable(command.incidentId(), command.stage().regime());
        String digest = command.reportSha256();
        if (digest != null && !digest.matches("[0-9a-fA-F]{64}")) {
            throw CommandRefusedException.invalid("invalid-sha256", "reportSha256 must be 64 hexadecimal digits");
        }
        apply(new RegulatoryReportSubmitted(command.incidentId(), command.stage(), command.submittedAt(),
                command.authorityReference(), digest == null ? null : digest.toLowerCase(Locale.ROOT)));
    }

    @EventSourcingHandler
    void on(IncidentReported event) {
        occurredAt = event.occurredAt();
        detectedAt = event.detectedAt();
    }

    @EventSourcingHandler
    void on(RegimesAssessed event) {
        assessedRegimes.clear();
        assessedRegimes.addAll(event.regimes());
        regimesAssessed = true;
    }

    private void requireApplicable(IncidentId incidentId, Regime regime) {
        if (regimesAssessed && !assessedRegimes.contains(regime)) {
            throw CommandRefusedException.invalid("regime-not-applicable",
                    regime + " was not assessed as applying to incident " + incidentId + " (assessed: "
                            + assessedRegimes + ")");
        }
    }

    private void requireNotBeforeOccurrence(String field, Instant time) {
        if (occurredAt != null && time.isBefore(occurredAt)) {
            throw CommandRefusedException.invalid("time-out-of-order",
                    field + " (" + time + ") is before the incident occurred (" + occurredAt + ")");
        }
    }
}
