package io.incidentledger.incident.query;

import static io.incidentledger.common.SqlTimes.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.containment.api.ContainmentActionRecorded;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.detection.api.DetectionLabel;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AffectedAssetsAdded;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.EvidenceAttached;
import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentAssigned;
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
import io.incidentledger.incident.api.NoteAdded;
import io.incidentledger.review.api.ActionItemStatus;
import io.incidentledger.review.api.ContributingFactorRecorded;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.ProcedureChangeRecorded;
import io.incidentledger.review.api.ReviewActionItemAdded;
import io.incidentledger.review.api.ReviewActionItemClosed;
import io.incidentledger.review.api.ReviewActionItemStarted;
import io.incidentledger.security.ActorMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The incident register: each incident's current status, classification, business times, assignees, evidence,
 * containment actions and review, built only from the events and their timestamps. A reset empties the tables and a
 * replay from the first event rebuilds them exactly.
 */
@Component
@ProcessingGroup(IncidentRegisterProjection.PROCESSING_GROUP)
public class IncidentRegisterProjection {

    public static final String PROCESSING_GROUP = "incident-register";

    static final List<String> TABLES = List.of("incident_detection_label", "incident_detection",
            "incident_procedure_change",
            "incident_review_factor", "incident_review_action_item", "incident_review",
            "incident_containment_action", "incident_evidence", "incident_assignee", "incident_affected_asset",
            "incident_register");

    /** The aggregate type the event store records for incidents' events. */
    private static final String INCIDENT_AGGREGATE = "Incident";

    private final JdbcTemplate jdbc;

    public IncidentRegisterProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IncidentReported event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        jdbc.update("""
                        INSERT INTO incident_register (incident_id, title, description, status, severity, category,
                            source, occurred_at, detected_at, reported_at, reported_by, updated_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.incidentId().value(), event.title(), event.description(), IncidentStatus.REPORTED.name(),
                event.severity().name(), event.category().name(), event.source().name(), utc(event.occurredAt()),
                utc(event.detectedAt()), utc(recordedAt), actor, utc(recordedAt), sequence);
    }

    @EventHandler
    void on(IncidentAcknowledged event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        // a playbook may have contained the incident before anyone acknowledged it: the phase stays where it is
        update(event.incidentId(), sequence, recordedAt, "status = CASE WHEN status = ? THEN ? ELSE status END",
                IncidentStatus.REPORTED.name(), IncidentStatus.ACKNOWLEDGED.name());
    }

    @EventHandler
    void on(IncidentTriaged event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.incidentId(), sequence, recordedAt,
                "status = CASE WHEN status = ? THEN ? ELSE status END, severity = ?, category = ?, classified_at = ?",
                IncidentStatus.ACKNOWLEDGED.name(), IncidentStatus.TRIAGED.name(), event.severity().name(),
                event.category().name(), utc(event.classifiedAt()));
        addAssets(event.incidentId(), event.affectedAssets());
    }

    @EventHandler
    void on(AffectedAssetsAdded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        touch(event.incidentId(), sequence, recordedAt);
        addAssets(event.incidentId(), event.assets());
    }

    /** Appends the assets not listed yet, in the order the events name them. */
    private void addAssets(IncidentId incidentId, List<AffectedAsset> assets) {
        List<AffectedAsset> listed = new ArrayList<>(jdbc.query(
                "SELECT asset_type, identifier, chain FROM incident_affected_asset WHERE incident_id = ?",
                (row, n) -> new AffectedAsset(AssetType.valueOf(row.getString(1)), row.getString(2),
                        row.getString(3)), incidentId.value()));
        for (AffectedAsset asset : assets) {
            if (!listed.contains(asset)) {
                jdbc.update("""
                                INSERT INTO incident_affected_asset (incident_id, position, asset_type, identifier,
                                    chain)
                                VALUES (?, ?, ?, ?, ?)""",
                        incidentId.value(), listed.size(), asset.type().name(), asset.identifier(), asset.chain());
                listed.add(asset);
            }
        }
    }

    @EventHandler
    void on(IncidentAssigned event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        touch(event.incidentId(), sequence, recordedAt);
        if (event.role().isSingleSeat()) {
            jdbc.update("DELETE FROM incident_assignee WHERE incident_id = ? AND role = ?",
                    event.incidentId().value(), event.role().name());
        }
        jdbc.update("""
                        INSERT INTO incident_assignee (incident_id, role, assignee, assigned_at, assigned_by)
                        VALUES (?, ?, ?, ?, ?)""",
                event.incidentId().value(), event.role().name(), event.assignee(), utc(recordedAt), actor);
    }

    @EventHandler
    void on(IncidentEscalated event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.incidentId(), sequence, recordedAt, "severity = ?", event.to().name());
    }

    @EventHandler
    void on(IncidentDeescalated event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.incidentId(), sequence, recordedAt, "severity = ?", event.to().name());
    }

    @EventHandler
    void on(NoteAdded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        touch(event.incidentId(), sequence, recordedAt);
    }

    @EventHandler
    void on(EvidenceAttached event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        touch(event.incidentId(), sequence, recordedAt);
        jdbc.update("""
                        INSERT INTO incident_evidence (incident_id, sha256, name, location, description, attached_at,
                            attached_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                event.incidentId().value(), event.sha256(), event.name(), event.location(), event.description(),
                utc(recordedAt), actor);
    }

    @EventHandler
    void on(ContainmentActionRecorded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        touch(event.incidentId(), sequence, recordedAt);
        AffectedAsset target = event.target();
        jdbc.update("""
                        INSERT INTO incident_containment_action (incident_id, sequence_number, action, target_type,
                            target_identifier, target_chain, description, performed_at, recorded_at, recorded_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.incidentId().value(), sequence, event.action().name(),
                target == null ? null : target.type().name(), target == null ? null : target.identifier(),
                target == null ? null : target.chain(), event.description(), utc(event.performedAt()),
                utc(recordedAt), actor);
    }

    @EventHandler
    void on(DetectionAttached event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        touch(event.incidentId(), sequence, recordedAt);
        Detection detection = event.detection();
        jdbc.update("""
                        INSERT INTO incident_detection (incident_id, sequence_number, source, source_alert_id, name,
                            description, native_severity, severity, category, chain_id, addresses, transactions,
                            correlation_key, payload_sha256, rule_id, rule_version, observed_at, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.incidentId().value(), sequence, detection.source().name(), detection.sourceAlertId(),
                detection.name(), detection.description(), detection.nativeSeverity(), detection.severity().name(),
                detection.category().name(), detection.chainId(), String.join(",", detection.addresses()),
                String.join(",", detection.transactions()), detection.correlationKey(), detection.payloadSha256(),
                detection.ruleId(), detection.ruleVersion(), utc(detection.observedAt()),
                utc(detection.receivedAt()));
        List<DetectionLabel> labels = detection.labels() == null ? List.of() : detection.labels();
        for (int position = 0; position < labels.size(); position++) {
            DetectionLabel label = labels.get(position);
            jdbc.update("""
                            INSERT INTO incident_detection_label (incident_id, sequence_number, position, label,
                                entity, confidence)
                            VALUES (?, ?, ?, ?, ?, ?)""",
                    event.incidentId().value(), sequence, position, label.label(), label.entity(),
                    label.confidence());
        }
    }

    @EventHandler
    void on(IncidentContained event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.incidentId(), sequence, recordedAt, "status = ?, contained_at = ?",
                IncidentStatus.CONTAINED.name(), utc(event.containedAt()));
    }

    @EventHandler
    void on(IncidentEradicated event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.incidentId(), sequence, recordedAt, "status = ?, eradicated_at = ?",
                IncidentStatus.ERADICATED.name(), utc(event.eradicatedAt()));
    }

    @EventHandler
    void on(IncidentRecovered event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.incidentId(), sequence, recordedAt, "status = ?, recovered_at = ?",
                IncidentStatus.RECOVERED.name(), utc(event.recoveredAt()));
    }

    @EventHandler
    void on(IncidentResolved event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.incidentId(), sequence, recordedAt, "status = ?, resolved_at = ?, resolution_summary = ?",
                IncidentStatus.RESOLVED.name(), utc(event.resolvedAt()), event.summary());
    }

    @EventHandler
    void on(PostIncidentReviewRecorded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        String id = event.incidentId().value();
        touch(event.incidentId(), sequence, recordedAt);
        jdbc.update("DELETE FROM incident_review WHERE incident_id = ?", id);
        jdbc.update("""
                        INSERT INTO incident_review (incident_id, root_cause, lessons_learned, recorded_at, recorded_by)
                        VALUES (?, ?, ?, ?, ?)""",
                id, event.rootCause(), event.lessonsLearned(), utc(recordedAt), actor);
        // a later review (after a reopening) adds its items to the earlier ones, numbered on as the incident numbers them
        int position = actionItemCount(id);
        for (String item : event.actionItems()) {
            addActionItem(id, position, ReviewActionItemAdded.itemIdAt(position), item, null, null);
            position++;
        }
    }

    @EventHandler
    void on(ReviewActionItemAdded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        touch(event.incidentId(), sequence, recordedAt);
        String id = event.incidentId().value();
        addActionItem(id, actionItemCount(id), event.itemId(), event.description(), event.owner(), event.dueDate());
    }

    @EventHandler
    void on(ReviewActionItemStarted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        touch(event.incidentId(), sequence, recordedAt);
        jdbc.update("UPDATE incident_review_action_item SET status = ? WHERE incident_id = ? AND item_id = ?",
                ActionItemStatus.IN_PROGRESS.name(), event.incidentId().value(), event.itemId());
    }

    @EventHandler
    void on(ReviewActionItemClosed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        touch(event.incidentId(), sequence, recordedAt);
        jdbc.update("""
                        UPDATE incident_review_action_item SET status = ?, evidence = ?, closed_at = ?, closed_by = ?
                        WHERE incident_id = ? AND item_id = ?""",
                ActionItemStatus.DONE.name(), event.evidence(), utc(recordedAt), actor, event.incidentId().value(),
                event.itemId());
    }

    @EventHandler
    void on(ContributingFactorRecorded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        touch(event.incidentId(), sequence, recordedAt);
        String id = event.incidentId().value();
        jdbc.update("""
                        INSERT INTO incident_review_factor (incident_id, position, factor)
                        VALUES (?, (SELECT COUNT(*) FROM incident_review_factor WHERE incident_id = ?), ?)""",
                id, id, event.factor());
    }

    @EventHandler
    void on(ProcedureChangeRecorded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadata.ACTOR) String actor) {
        touch(event.incidentId(), sequence, recordedAt);
        String id = event.incidentId().value();
        jdbc.update("""
                        INSERT INTO incident_procedure_change (incident_id, position, description, reference,
                            recorded_at, recorded_by)
                        VALUES (?, (SELECT COUNT(*) FROM incident_procedure_change WHERE incident_id = ?), ?, ?, ?, ?)""",
                id, id, event.description(), event.reference(), utc(recordedAt), actor);
    }

    private int actionItemCount(String incidentId) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM incident_review_action_item WHERE incident_id = ?", Integer.class, incidentId);
        return count == null ? 0 : count;
    }

    private void addActionItem(String incidentId, int position, String itemId, String description, String owner,
                               LocalDate dueDate) {
        jdbc.update("""
                        INSERT INTO incident_review_action_item (incident_id, position, description, item_id, owner,
                            due_date, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                incidentId, position, description, itemId, owner, dueDate, ActionItemStatus.OPEN.name());
    }

    @EventHandler
    void on(IncidentClosed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.incidentId(), sequence, recordedAt, "status = ?, closed_at = ?",
                IncidentStatus.CLOSED.name(), utc(event.closedAt()));
    }

    @EventHandler
    void on(IncidentDismissed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.incidentId(), sequence, recordedAt, "status = ?, dismissal_reason = ?",
                IncidentStatus.DISMISSED.name(), event.reason());
    }

    @EventHandler
    void on(IncidentReopened event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        // the earlier resolution no longer stands; its facts stay in the timeline
        update(event.incidentId(), sequence, recordedAt,
                "status = ?, resolved_at = NULL, resolution_summary = NULL, dismissal_reason = NULL",
                event.status().name());
    }

    /**
     * Any other event of an incident (a containment step, a deadline, a compliance fact): the register shows nothing
     * of it, but has seen it, so that its version says how far it has read the incident's history and the console
     * can wait for it ({@code FindIncidentVersion}). Its {@code updated_at} stays as it was.
     */
    @EventHandler
    void on(Object event, DomainEventMessage<?> message, @SequenceNumber long sequence) {
        if (INCIDENT_AGGREGATE.equals(message.getType())) {
            jdbc.update("UPDATE incident_register SET version = ? WHERE incident_id = ? AND version < ?",
                    sequence, message.getAggregateIdentifier(), sequence);
        }
    }

    @ResetHandler
    void reset() {
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
    }

    private void touch(IncidentId incidentId, long sequence, Instant recordedAt) {
        update(incidentId, sequence, recordedAt, null);
    }

    private void update(IncidentId incidentId, long sequence, Instant recordedAt, String assignments,
                        Object... values) {
        String set = assignments == null ? "" : assignments + ", ";
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = utc(recordedAt);
        arguments[values.length + 1] = sequence;
        arguments[values.length + 2] = incidentId.value();
        jdbc.update("UPDATE incident_register SET " + set + "updated_at = ?, version = ? WHERE incident_id = ?",
                arguments);
    }
}
