package io.incidentledger.compliance.obligations;

import static io.incidentledger.common.SqlTimes.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.incidentledger.compliance.api.AwarenessRecorded;
import io.incidentledger.compliance.api.ExtortionPaymentRecorded;
import io.incidentledger.compliance.api.MaterialityDetermined;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegimesAssessed;
import io.incidentledger.compliance.api.RegulatoryClassificationRecorded;
import io.incidentledger.compliance.api.RegulatoryReportSubmitted;
import io.incidentledger.compliance.clock.ClockCalculator;
import io.incidentledger.compliance.clock.Obligation;
import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentContained;
import io.incidentledger.incident.api.IncidentDeescalated;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentEradicated;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentRecovered;
import io.incidentledger.incident.api.IncidentReopened;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentResolved;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentTriaged;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The compliance register and each incident's reporting obligations, built only from the incident's events: the
 * lifecycle (status, severity, category and key times) and the compliance facts (awareness, classifications,
 * materiality, extortion payments, the assessed regimes, the reports submitted). After every fact the incident's
 * obligations are recomputed with {@link ClockCalculator} and stored as deadlines and the submission judged;
 * whether an unsubmitted stage is pending, due soon or missed depends on the time of reading and is derived then,
 * so a replay from zero stores exactly the same rows. The organisation's profile comes from configuration: a
 * changed profile takes effect for stored rows on the next fact of an incident, or for all of them on a replay.
 */
@Component
@ProcessingGroup(ComplianceObligationsProjection.PROCESSING_GROUP)
public class ComplianceObligationsProjection {

    public static final String PROCESSING_GROUP = "compliance-obligations";

    static final List<String> TABLES = List.of("compliance_obligation", "compliance_submission",
            "compliance_hipaa_affected", "compliance_register");

    private final JdbcTemplate jdbc;
    private final ComplianceSettings settings;
    private final ComplianceRecords records;

    public ComplianceObligationsProjection(JdbcTemplate jdbc, ComplianceSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.records = new ComplianceRecords(jdbc);
    }

    // --- lifecycle: what the register shows -------------------------------------------------------------------------

    @EventHandler
    void on(IncidentReported event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        jdbc.update("""
                        INSERT INTO compliance_register (incident_id, title, category, severity, status, occurred_at,
                            detected_at, gdpr_high_risk, reported_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)""",
                event.incidentId().value(), event.title(), event.category().name(), event.severity().name(),
                IncidentStatus.REPORTED.name(), utc(event.occurredAt()), utc(event.detectedAt()), utc(recordedAt),
                sequence);
    }

    @EventHandler
    void on(IncidentAcknowledged event, @SequenceNumber long sequence) {
        // as in the incident register: a playbook may have contained the incident before anyone acknowledged it
        update(event.incidentId(), sequence, "status = CASE WHEN status = ? THEN ? ELSE status END",
                IncidentStatus.REPORTED.name(), IncidentStatus.ACKNOWLEDGED.name());
    }

    @EventHandler
    void on(IncidentTriaged event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence,
                "status = CASE WHEN status = ? THEN ? ELSE status END, severity = ?, category = ?",
                IncidentStatus.ACKNOWLEDGED.name(), IncidentStatus.TRIAGED.name(), event.severity().name(),
                event.category().name());
    }

    @EventHandler
    void on(IncidentEscalated event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence, "severity = ?", event.to().name());
    }

    @EventHandler
    void on(IncidentDeescalated event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence, "severity = ?", event.to().name());
    }

    @EventHandler
    void on(IncidentContained event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence, "status = ?, contained_at = ?", IncidentStatus.CONTAINED.name(),
                utc(event.containedAt()));
    }

    @EventHandler
    void on(IncidentEradicated event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence, "status = ?", IncidentStatus.ERADICATED.name());
    }

    @EventHandler
    void on(IncidentRecovered event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence, "status = ?", IncidentStatus.RECOVERED.name());
    }

    @EventHandler
    void on(IncidentResolved event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence, "status = ?, resolved_at = ?", IncidentStatus.RESOLVED.name(),
                utc(event.resolvedAt()));
    }

    @EventHandler
    void on(IncidentClosed event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence, "status = ?, closed_at = ?", IncidentStatus.CLOSED.name(),
                utc(event.closedAt()));
    }

    @EventHandler
    void on(IncidentDismissed event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence, "status = ?", IncidentStatus.DISMISSED.name());
    }

    @EventHandler
    void on(IncidentReopened event, @SequenceNumber long sequence) {
        // the earlier resolution no longer stands; it stays in the incident's timeline
        update(event.incidentId(), sequence, "status = ?, resolved_at = NULL", event.status().name());
    }

    // --- compliance facts: each one recomputes the incident's obligations --------------------------------------------

    @EventHandler
    void on(AwarenessRecorded event, @SequenceNumber long sequence) {
        // recorded again, the later record stands (AwarenessRecorded)
        update(event.incidentId(), sequence, "aware_recorded_at = ?", utc(event.awareAt()));
        recompute(event.incidentId());
    }

    @EventHandler
    void on(RegulatoryClassificationRecorded event, @SequenceNumber long sequence) {
        // a classification recorded again corrects the earlier one: the later record stands
        IncidentId id = event.incidentId();
        Object at = utc(event.classifiedAt());
        switch (event.classification()) {
            case DORA_MAJOR -> update(id, sequence, "dora_classified_at = ?", at);
            case NIS2_SIGNIFICANT -> update(id, sequence, "nis2_classified_at = ?", at);
            case GDPR_PERSONAL_DATA_BREACH -> update(id, sequence, "gdpr_classified_at = ?, gdpr_high_risk = FALSE", at);
            case GDPR_HIGH_RISK_TO_PEOPLE -> update(id, sequence, "gdpr_classified_at = ?, gdpr_high_risk = TRUE", at);
            case NYDFS_CYBERSECURITY_EVENT -> update(id, sequence, "nydfs_determined_at = ?", at);
            case HIPAA_BREACH -> {
                update(id, sequence, "hipaa_discovered_at = ?", at);
                jdbc.update("DELETE FROM compliance_hipaa_affected WHERE incident_id = ?", id.value());
                Map<String, Integer> affected = event.affectedByState() == null ? Map.of() : event.affectedByState();
                affected.forEach((state, people) -> jdbc.update(
                        "INSERT INTO compliance_hipaa_affected (incident_id, state, people) VALUES (?, ?, ?)",
                        id.value(), state, people));
            }
        }
        recompute(id);
    }

    @EventHandler
    void on(MaterialityDetermined event, @SequenceNumber long sequence) {
        // the latest determination stands: a later "not material" withdraws the SEC clock
        update(event.incidentId(), sequence, "materiality_at = ?, material = ?", utc(event.determinedAt()),
                event.material());
        recompute(event.incidentId());
    }

    @EventHandler
    void on(ExtortionPaymentRecorded event, @SequenceNumber long sequence) {
        // each payment is its own fact; the earliest starts the NYDFS clocks
        update(event.incidentId(), sequence,
                "extortion_paid_at = CASE WHEN extortion_paid_at IS NULL OR extortion_paid_at > ? THEN ?"
                        + " ELSE extortion_paid_at END", utc(event.paidAt()), utc(event.paidAt()));
        recompute(event.incidentId());
    }

    @EventHandler
    void on(RegimesAssessed event, @SequenceNumber long sequence) {
        update(event.incidentId(), sequence, "assessed_regimes = ?", ComplianceRecords.joined(event.regimes()));
        recompute(event.incidentId());
    }

    @EventHandler
    void on(RegulatoryReportSubmitted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        touch(event.incidentId(), sequence);
        jdbc.update("""
                        INSERT INTO compliance_submission (incident_id, sequence_number, stage, submitted_at,
                            authority_reference, report_sha256, recorded_at, recorded_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                event.incidentId().value(), sequence, event.stage().name(), utc(event.submittedAt()),
                event.authorityReference(), event.reportSha256(), utc(recordedAt), actor);
        recompute(event.incidentId());
    }

    @ResetHandler
    void reset() {
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
    }

    /** Replaces the incident's stored obligations with the ones its facts give now. */
    private void recompute(IncidentId incidentId) {
        String id = incidentId.value();
        ComplianceRecords.IncidentFacts recorded = records.load(id).orElse(null);
        if (recorded == null) {
            return;
        }
        Set<Regime> assessed = recorded.assessedRegimes();
        // the instant passed only decides pending / due soon / missed, none of which is stored
        List<Obligation> obligations = ClockCalculator.obligations(recorded.facts(), settings.profileFor(assessed),
                Instant.EPOCH, Duration.ZERO);
        jdbc.update("DELETE FROM compliance_obligation WHERE incident_id = ?", id);
        for (Obligation obligation : obligations) {
            jdbc.update("""
                            INSERT INTO compliance_obligation (incident_id, stage, regime, stage_order, anchor,
                                anchored_at, due_at, grace_until, submitted_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, obligation.stage().name(), obligation.regime().name(), obligation.stage().ordinal(),
                    obligation.anchor().name(), utc(obligation.anchoredAt()), utc(obligation.dueAt()),
                    utc(obligation.graceUntil()), utc(obligation.submittedAt()));
        }
    }

    private void touch(IncidentId incidentId, long sequence) {
        jdbc.update("UPDATE compliance_register SET version = ? WHERE incident_id = ?", sequence, incidentId.value());
    }

    private void update(IncidentId incidentId, long sequence, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 2];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = sequence;
        arguments[values.length + 1] = incidentId.value();
        jdbc.update("UPDATE compliance_register SET " + assignments + ", version = ? WHERE incident_id = ?",
                arguments);
    }
}
