package io.incidentledger.incident.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.incidentledger.alerting.api.DeadlineApproaching;
import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.DeadlineMissed;
import io.incidentledger.alerting.api.NotificationDelivered;
import io.incidentledger.alerting.api.NotificationDeliveryFailed;
import io.incidentledger.alerting.api.RecordDeadlineApproaching;
import io.incidentledger.alerting.api.RecordDeadlineMissed;
import io.incidentledger.alerting.api.RecordNotificationDelivered;
import io.incidentledger.alerting.api.RecordNotificationDeliveryFailed;
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
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentActionRecorded;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepAttemptFailed;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRefused;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.containment.api.ContainmentStepRetryRequested;
import io.incidentledger.containment.api.ContainmentStepStatus;
import io.incidentledger.containment.api.RecordContainmentAction;
import io.incidentledger.containment.api.RecordContainmentStepAttemptFailed;
import io.incidentledger.containment.api.RecordContainmentStepExecuted;
import io.incidentledger.containment.api.RecordContainmentStepFailed;
import io.incidentledger.containment.api.RefuseContainmentStep;
import io.incidentledger.containment.api.RequestContainmentStep;
import io.incidentledger.containment.api.RetryContainmentStep;
import io.incidentledger.detection.api.AttachDetection;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.api.OpenIncidentFromDetection;
import io.incidentledger.incident.api.AcknowledgeIncident;
import io.incidentledger.incident.api.AddAffectedAssets;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AffectedAssetsAdded;
import io.incidentledger.incident.api.AssignIncident;
import io.incidentledger.incident.api.AssignmentRole;
import io.incidentledger.incident.api.AttachEvidence;
import io.incidentledger.incident.api.CloseIncident;
import io.incidentledger.incident.api.ContainIncident;
import io.incidentledger.incident.api.DeescalateIncident;
import io.incidentledger.incident.api.DismissIncident;
import io.incidentledger.incident.api.EradicateIncident;
import io.incidentledger.incident.api.EscalateIncident;
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
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentTriaged;
import io.incidentledger.incident.api.NoteAdded;
import io.incidentledger.incident.api.RecoverIncident;
import io.incidentledger.incident.api.ReopenIncident;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.ResolveIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.incident.api.TriageIncident;
import io.incidentledger.review.api.ActionItemStatus;
import io.incidentledger.review.api.AddReviewActionItem;
import io.incidentledger.review.api.CloseReviewActionItem;
import io.incidentledger.review.api.ContributingFactorRecorded;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.ProcedureChangeRecorded;
import io.incidentledger.review.api.RecordContributingFactor;
import io.incidentledger.review.api.RecordPostIncidentReview;
import io.incidentledger.review.api.RecordProcedureChange;
import io.incidentledger.review.api.ReviewActionItemAdded;
import io.incidentledger.review.api.ReviewActionItemClosed;
import io.incidentledger.review.api.ReviewActionItemStarted;
import io.incidentledger.review.api.StartReviewActionItem;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A security incident, from its report to its closure. It moves through the response phases
 * {@code REPORTED → ACKNOWLEDGED → TRIAGED → CONTAINED → ERADICATED → RECOVERED → RESOLVED → CLOSED}; it can be
 * dismissed as a false positive while open, and reopened once resolved or dismissed. While open it takes notes,
 * evidence, assignments, containment actions and severity changes. An incident that was ever HIGH or CRITICAL closes
 * only after its post-incident review.
 *
 * <p>Containment steps (from a playbook or a commander) are requested, approved or refused, executed or failed on
 * the incident, so the record shows every action taken on the outside world and who allowed it. Because a playbook
 * may contain an incident within seconds, containment can come before acknowledgement and triage; both are still
 * owed, and eradication and resolution wait for the triage.
 *
 * <p>Business times (occurred, detected, classified, contained, eradicated, recovered, resolved, closed) arrive on
 * the commands and are recorded as facts; when the incident recorded them is each event's own timestamp. The
 * business times of the response phases never go backwards.
 */
@Aggregate
public class Incident {

    private static final Set<IncidentStatus> RESOLVABLE = EnumSet.of(
            IncidentStatus.TRIAGED, IncidentStatus.CONTAINED, IncidentStatus.ERADICATED, IncidentStatus.RECOVERED);
    /** Containment may come before a person has acknowledged or triaged: a playbook acts within seconds. */
    private static final Set<IncidentStatus> CONTAINABLE = EnumSet.of(
            IncidentStatus.REPORTED, IncidentStatus.ACKNOWLEDGED, IncidentStatus.TRIAGED);
    /** The metadata key naming who sent a command (see {@code ActorMetadata}). */
    private static final String ACTOR = "actor";

    @AggregateIdentifier
    private IncidentId incidentId;
    private IncidentStatus status;
    private Severity severity;
    private boolean acknowledged;
    private boolean triaged;
    private Instant detectedAt;
    private Instant occurredAt;
    private final Set<Regime> assessedRegimes = EnumSet.noneOf(Regime.class);
    private boolean regimesAssessed;
    /** Whether a review was ever recorded: its action items outlive a reopening and the closure. */
    private boolean everReviewed;
    private final Map<String, ActionItemStatus> actionItems = new HashMap<>();
    private boolean reviewRequired;
    private boolean reviewed;
    private Instant latestPhaseAt;
    private final Map<AssignmentRole, Set<String>> assignees = new EnumMap<>(AssignmentRole.class);
    private final Set<String> evidenceDigests = new HashSet<>();
    private final Set<String> detectionFingerprints = new HashSet<>();
    private final Set<AffectedAsset> affectedAssets = new LinkedHashSet<>();
    private final Map<String, ContainmentStepStatus> steps = new HashMap<>();
    /** Notifications recorded as failing: still failing (true), or delivered in the end (false). */
    private final Map<String, Boolean> failingNotifications = new HashMap<>();
    private final Set<String> announcedDeadlines = new HashSet<>();

    protected Incident() {
        // required by Axon to rebuild the incident from its events
    }

    @CommandHandler
    Incident(ReportIncident command) {
        requireTime("detectedAt", command.detectedAt());
        if (command.occurredAt() != null && command.occurredAt().isAfter(command.detectedAt())) {
            throw CommandRefusedException.invalid("occurred-after-detected",
                    "occurredAt (" + command.occurredAt() + ") is after detectedAt (" + command.detectedAt() + ")");
        }
        apply(new IncidentReported(command.incidentId(), command.title(), command.description(), command.severity(),
                command.category(), command.source(), command.occurredAt(), command.detectedAt()));
    }

    @CommandHandler
    Incident(OpenIncidentFromDetection command) {
        Detection detection = command.detection();
        requireTime("receivedAt", detection.receivedAt());
        // the detector's own observation time stands for when it occurred, unless a clock put it in our future
        Instant occurredAt = detection.observedAt() != null && !detection.observedAt().isAfter(detection.receivedAt())
                ? detection.observedAt() : null;
        apply(new IncidentReported(command.incidentId(), command.title(), detection.description(),
                detection.severity(), detection.category(), IncidentSource.DETECTION, occurredAt,
                detection.receivedAt()));
        apply(new DetectionAttached(command.incidentId(), detection));
    }

    /** Attaches the detection unless it is a delivery already recorded; an attached detection may raise severity. */
    @CommandHandler
    DetectionOutcome handle(AttachDetection command) {
        Detection detection = command.detection();
        if (detectionFingerprints.contains(detection.fingerprint())) {
            return DetectionOutcome.DUPLICATE;
        }
        if (!status.isOpen()) {
            throw CommandRefusedException.conflict("incident-not-open",
                    "incident " + incidentId + " is " + status + " and takes no more detections");
        }
        apply(new DetectionAttached(incidentId, detection));
        if (detection.severity().isAbove(severity)) {
            apply(new IncidentEscalated(incidentId, severity, detection.severity(),
                    "detection " + detection.name() + " from " + detection.source()));
        }
        return DetectionOutcome.ATTACHED;
    }

    @CommandHandler
    void handle(AcknowledgeIncident command) {
        requireOpen("acknowledge");
        if (acknowledged) {
            throw illegalTransition("acknowledge", "it is already acknowledged");
        }
        apply(new IncidentAcknowledged(incidentId));
    }

    @CommandHandler
    void handle(TriageIncident command) {
        requireOpen("triage");
        if (!acknowledged || triaged) {
            throw illegalTransition("triage", acknowledged ? "it is already triaged" : "it is not acknowledged");
        }
        if (status == IncidentStatus.ACKNOWLEDGED) {
            requireNotBeforeLatestPhase("classifiedAt", command.classifiedAt());
        } else {
            // contained by a playbook before anyone classified it: the classification may predate containment
            requireTime("classifiedAt", command.classifiedAt());
            requireNotBefore("classifiedAt", command.classifiedAt(), detectedAt);
        }
        apply(new IncidentTriaged(incidentId, command.severity(), command.category(),
                List.copyOf(command.affectedAssets()), command.classifiedAt()));
    }

    @CommandHandler
    void handle(AssignIncident command) {
        requireOpen("assign");
        Set<String> seat = assignees.getOrDefault(command.role(), Set.of());
        if (seat.contains(command.assignee())) {
            throw CommandRefusedException.conflict("already-assigned",
                    command.assignee() + " is already " + command.role() + " of incident " + incidentId);
        }
        String replaced = command.role().isSingleSeat() && !seat.isEmpty() ? seat.iterator().next() : null;
        apply(new IncidentAssigned(incidentId, command.role(), command.assignee(), replaced));
    }

    @CommandHandler
    void handle(EscalateIncident command) {
        requireOpen("escalate");
        if (!command.severity().isAbove(severity)) {
            throw CommandRefusedException.invalid("severity-not-higher",
                    "cannot escalate to " + command.severity() + ": severity is already " + severity);
        }
        apply(new IncidentEscalated(incidentId, severity, command.severity(), command.reason()));
    }

    @CommandHandler
    void handle(DeescalateIncident command) {
        requireOpen("de-escalate");
        if (!severity.isAbove(command.severity())) {
            throw CommandRefusedException.invalid("severity-not-lower",
                    "cannot de-escalate to " + command.severity() + ": severity is " + severity);
        }
        apply(new IncidentDeescalated(incidentId, severity, command.severity(), command.reason()));
    }

    @CommandHandler
    void handle(AddNote command) {
        requireOpen("add a note to");
        apply(new NoteAdded(incidentId, command.text()));
    }

    @CommandHandler
    void handle(AttachEvidence command) {
        requireOpen("attach evidence to");
        if (evidenceDigests.contains(command.sha256())) {
            throw CommandRefusedException.conflict("duplicate-evidence",
                    "evidence with SHA-256 " + command.sha256() + " is already attached to incident " + incidentId);
        }
        apply(new EvidenceAttached(incidentId, command.name(), command.sha256(), command.location(),
                command.description()));
    }

    @CommandHandler
    void handle(RecordContainmentAction command) {
        requireOpen("record a containment action on");
        apply(new ContainmentActionRecorded(incidentId, command.action(), command.target(), command.description(),
                command.performedAt()));
    }

    @CommandHandler
    void handle(ContainIncident command) {
        requireStatus("contain", CONTAINABLE);
        requireNotBeforeLatestPhase("containedAt", command.containedAt());
        apply(new IncidentContained(incidentId, command.containedAt(), command.summary()));
    }

    @CommandHandler
    void handle(EradicateIncident command) {
        requireStatus("eradicate", IncidentStatus.CONTAINED);
        requireTriaged("eradicate");
        requireNotBeforeLatestPhase("eradicatedAt", command.eradicatedAt());
        apply(new IncidentEradicated(incidentId, command.eradicatedAt(), command.summary()));
    }

    @CommandHandler
    void handle(RecoverIncident command) {
        requireStatus("recover", IncidentStatus.ERADICATED);
        requireNotBeforeLatestPhase("recoveredAt", command.recoveredAt());
        apply(new IncidentRecovered(incidentId, command.recoveredAt(), command.summary()));
    }

    @CommandHandler
    void handle(ResolveIncident command) {
        requireStatus("resolve", RESOLVABLE);
        requireTriaged("resolve");
        requireNotBeforeLatestPhase("resolvedAt", command.resolvedAt());
        apply(new IncidentResolved(incidentId, command.summary(), command.resolvedAt()));
    }

    @CommandHandler
    void handle(RecordPostIncidentReview command) {
        requireStatus("record the post-incident review of", IncidentStatus.RESOLVED);
        apply(new PostIncidentReviewRecorded(incidentId, command.rootCause(), command.lessonsLearned(),
                List.copyOf(command.actionItems())));
    }

    @CommandHandler
    void handle(CloseIncident command) {
        requireStatus("close", IncidentStatus.RESOLVED);
        if (reviewRequired && !reviewed) {
            throw CommandRefusedException.conflict("review-required",
                    "an incident that was HIGH or CRITICAL closes only after its post-incident review is recorded");
        }
        requireNotBeforeLatestPhase("closedAt", command.closedAt());
        apply(new IncidentClosed(incidentId, command.closedAt()));
    }

    @CommandHandler
    void handle(AddAffectedAssets command) {
        requireOpen("add affected assets to");
        List<AffectedAsset> added = new ArrayList<>(new LinkedHashSet<>(command.assets()));
        added.removeAll(affectedAssets);
        if (!added.isEmpty()) {
            apply(new AffectedAssetsAdded(incidentId, List.copyOf(added), command.reason()));
        }
    }

    /** Returns whether the step is new: a step already requested under the same id is left as it is. */
    @CommandHandler
    boolean handle(RequestContainmentStep command) {
        if (steps.containsKey(command.stepId())) {
            return false;
        }
        if (!command.action().isUndo()) {
            requireOpen("request a containment step on");
        } else if (status == IncidentStatus.CLOSED) {
            // undoing stays possible after resolution or dismissal (a false positive's isolated node), not closure
            throw illegalTransition("undo a containment step of", "it is CLOSED");
        }
        if (command.action().targetType() == null ? command.target() != null
                : command.target() == null || command.target().type() != command.action().targetType()) {
            throw CommandRefusedException.invalid("target-mismatch", command.action() + " acts on "
                    + (command.action().targetType() == null ? "no asset" : "a " + command.action().targetType())
                    + ", not on " + (command.target() == null ? "nothing" : "a " + command.target().type()));
        }
        apply(new ContainmentStepRequested(incidentId, command.stepId(), command.playbook(), command.action(),
                command.target(), command.approvalRequired(), command.reason()));
        return true;
    }

    @CommandHandler
    void handle(ApproveContainmentStep command, @MetaDataValue(ACTOR) String actor) {
        requireOpen("approve a containment step of");
        requireStep(command.stepId(), ContainmentStepStatus.AWAITING_APPROVAL, "approve");
        apply(new ContainmentStepApproved(incidentId, command.stepId(), actor, command.comment()));
    }

    @CommandHandler
    void handle(RefuseContainmentStep command, @MetaDataValue(ACTOR) String actor) {
        requireOpen("refuse a containment step of");
        requireStep(command.stepId(), ContainmentStepStatus.AWAITING_APPROVAL, "refuse");
        apply(new ContainmentStepRefused(incidentId, command.stepId(), actor, command.reason()));
    }

    /** The outside world's answer is recorded whatever the incident's status; recording it twice changes nothing. */
    @CommandHandler
    void handle(RecordContainmentStepExecuted command) {
        if (stepStatus(command.stepId()) == ContainmentStepStatus.EXECUTED) {
            return;
        }
        requireStep(command.stepId(), ContainmentStepStatus.READY, "record the execution of");
        apply(new ContainmentStepExecuted(incidentId, command.stepId(), command.adapter(),
                command.externalReference(), command.attempt(), command.executedAt()));
    }

    @CommandHandler
    void handle(RecordContainmentStepAttemptFailed command) {
        requireStep(command.stepId(), ContainmentStepStatus.READY, "record a failed attempt at");
        apply(new ContainmentStepAttemptFailed(incidentId, command.stepId(), command.attempt(), command.reason(),
                command.nextAttemptAt()));
    }

    @CommandHandler
    void handle(RecordContainmentStepFailed command) {
        requireStep(command.stepId(), ContainmentStepStatus.READY, "record the failure of");
        apply(new ContainmentStepFailed(incidentId, command.stepId(), command.attempts(), command.reason()));
    }

    @CommandHandler
    void handle(RetryContainmentStep command, @MetaDataValue(ACTOR) String actor) {
        requireOpen("retry a containment step of");
        requireStep(command.stepId(), ContainmentStepStatus.FAILED, "retry");
        apply(new ContainmentStepRetryRequested(incidentId, command.stepId(), actor));
    }

    /** A regulatory deadline is announced once per due instant, whatever the status: reports follow closure. */
    @CommandHandler
    void handle(RecordDeadlineApproaching command) {
        if (command.kind() != DeadlineKind.REGULATORY_REPORT) {
            requireOpen("record an approaching deadline on");
        } else if (announcedDeadlines.contains(deadlineKey(command.kind(), command.subject(), command.dueAt(), 0))) {
            return;
        }
        apply(new DeadlineApproaching(incidentId, command.kind(), command.subject(), command.dueAt()));
    }

    @CommandHandler
    void handle(RecordDeadlineMissed command) {
        if (command.kind() != DeadlineKind.REGULATORY_REPORT) {
            requireOpen("record a missed deadline on");
        } else if (announcedDeadlines.contains(deadlineKey(command.kind(), command.subject(), command.dueAt(),
                command.tier()))) {
            return;
        }
        apply(new DeadlineMissed(incidentId, command.kind(), command.subject(), command.dueAt(), command.tier()));
    }

    /**
     * Deliveries are recorded whatever the incident's status: a closing notice can fail too. Each notification's
     * failure is recorded once, and its late delivery once, however often the notifier repeats itself.
     */
    @CommandHandler
    void handle(RecordNotificationDeliveryFailed command) {
        if (failingNotifications.containsKey(command.notificationId())) {
            return;
        }
        apply(new NotificationDeliveryFailed(incidentId, command.notificationId(), command.kind(), command.channel(),
                command.recipient(), command.attempts(), command.error()));
    }

    @CommandHandler
    void handle(RecordNotificationDelivered command) {
        if (!Boolean.TRUE.equals(failingNotifications.get(command.notificationId()))) {
            return;
        }
        apply(new NotificationDelivered(incidentId, command.notificationId(), command.channel(), command.recipient(),
                command.attempts()));
    }

    // --- the review's follow-up: accepted whatever the status, since action items stay open after closure ----------

    @CommandHandler
    String handle(AddReviewActionItem command) {
        requireReviewed("add an action item to");
        requireText("description", command.description());
        requireText("owner", command.owner());
        if (command.dueDate() == null) {
            throw CommandRefusedException.invalid("missing-dueDate", "dueDate is required");
        }
        String itemId = "A" + (actionItems.size() + 1);
        apply(new ReviewActionItemAdded(incidentId, itemId, command.description(), command.owner(),
                command.dueDate()));
        return itemId;
    }

    @CommandHandler
    void handle(StartReviewActionItem command) {
        if (actionItem(command.itemId()) != ActionItemStatus.OPEN) {
            throw CommandRefusedException.conflict("action-item-not-open",
                    "action item " + command.itemId() + " is " + actionItems.get(command.itemId()));
        }
        apply(new ReviewActionItemStarted(incidentId, command.itemId()));
    }

    @CommandHandler
    void handle(CloseReviewActionItem command) {
        if (actionItem(command.itemId()) == ActionItemStatus.DONE) {
            throw CommandRefusedException.conflict("action-item-done",
                    "action item " + command.itemId() + " is already done");
        }
        requireText("evidence", command.evidence());
        apply(new ReviewActionItemClosed(incidentId, command.itemId(), command.evidence()));
    }

    @CommandHandler
    void handle(RecordContributingFactor command) {
        requireReviewed("record a contributing factor on");
        requireText("factor", command.factor());
        apply(new ContributingFactorRecorded(incidentId, command.factor()));
    }

    @CommandHandler
    void handle(RecordProcedureChange command) {
        requireReviewed("record a procedure change on");
        requireText("description", command.description());
        apply(new ProcedureChangeRecorded(incidentId, command.description(), command.reference()));
    }

    // --- compliance facts: recorded whatever the incident's status, since reports follow long after resolution ------

    @CommandHandler
    void handle(RecordAwareness command) {
        requireTime("awareAt", command.awareAt());
        requireNotBeforeOccurrence("awareAt", command.awareAt());
        requireText("basis", command.basis());
        apply(new AwarenessRecorded(incidentId, command.awareAt(), command.basis()));
    }

    @CommandHandler
    void handle(RecordRegulatoryClassification command) {
        if (command.classification() == null) {
            throw CommandRefusedException.invalid("missing-classification", "classification is required");
        }
        requireTime("classifiedAt", command.classifiedAt());
        requireNotBeforeOccurrence("classifiedAt", command.classifiedAt());
        requireApplicable(command.classification().regime());
        Map<String, Integer> affected = command.affectedByState() == null ? Map.of() : command.affectedByState();
        affected.forEach((state, people) -> {
            if (state == null || state.isBlank() || people == null || people < 0) {
                throw CommandRefusedException.invalid("invalid-affected-count",
                        "affectedByState needs a State and a count of zero or more people for each entry");
            }
        });
        apply(new RegulatoryClassificationRecorded(incidentId, command.classification(), command.classifiedAt(),
                Map.copyOf(affected), command.rationale()));
    }

    @CommandHandler
    void handle(DetermineMateriality command) {
        requireTime("determinedAt", command.determinedAt());
        requireNotBeforeOccurrence("determinedAt", command.determinedAt());
        requireText("rationale", command.rationale());
        requireApplicable(Regime.SEC_8K);
        apply(new MaterialityDetermined(incidentId, command.determinedAt(), command.material(), command.rationale()));
    }

    @CommandHandler
    void handle(RecordExtortionPayment command) {
        requireTime("paidAt", command.paidAt());
        requireNotBeforeOccurrence("paidAt", command.paidAt());
        requireApplicable(Regime.NYDFS);
        apply(new ExtortionPaymentRecorded(incidentId, command.paidAt(), command.description()));
    }

    @CommandHandler
    void handle(AssessRegimes command) {
        if (command.regimes() == null || command.regimes().stream().anyMatch(Objects::isNull)) {
            throw CommandRefusedException.invalid("missing-regimes", "regimes is required (an empty list: none)");
        }
        requireText("rationale", command.rationale());
        apply(new RegimesAssessed(incidentId, command.regimes().stream().distinct().sorted().toList(),
                command.rationale()));
    }

    @CommandHandler
    void handle(RecordReportSubmission command) {
        if (command.stage() == null) {
            throw CommandRefusedException.invalid("missing-stage", "stage is required");
        }
        requireTime("submittedAt", command.submittedAt());
        requireNotBefore("submittedAt", command.submittedAt(), detectedAt);
        requireApplicable(command.stage().regime());
        String digest = command.reportSha256();
        if (digest != null && !digest.matches("[0-9a-fA-F]{64}")) {
            throw CommandRefusedException.invalid("invalid-sha256", "reportSha256 must be 64 hexadecimal digits");
        }
        apply(new RegulatoryReportSubmitted(incidentId, command.stage(), command.submittedAt(),
                command.authorityReference(), digest == null ? null : digest.toLowerCase(Locale.ROOT)));
    }

    @CommandHandler
    void handle(DismissIncident command) {
        requireOpen("dismiss");
        apply(new IncidentDismissed(incidentId, command.reason()));
    }

    @CommandHandler
    void handle(ReopenIncident command) {
        requireStatus("reopen", EnumSet.of(IncidentStatus.RESOLVED, IncidentStatus.DISMISSED));
        IncidentStatus resumed = triaged ? IncidentStatus.TRIAGED : IncidentStatus.ACKNOWLEDGED;
        apply(new IncidentReopened(incidentId, command.reason(), resumed));
    }

    @EventSourcingHandler
    void on(IncidentReported event) {
        incidentId = event.incidentId();
        status = IncidentStatus.REPORTED;
        severity(event.severity());
        latestPhaseAt = event.detectedAt();
        detectedAt = event.detectedAt();
        occurredAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(DetectionAttached event) {
        detectionFingerprints.add(event.detection().fingerprint());
    }

    @EventSourcingHandler
    void on(IncidentAcknowledged event) {
        acknowledged = true;
        if (status == IncidentStatus.REPORTED) {
            status = IncidentStatus.ACKNOWLEDGED;
        }
    }

    @EventSourcingHandler
    void on(IncidentTriaged event) {
        if (status == IncidentStatus.ACKNOWLEDGED) {
            status = IncidentStatus.TRIAGED;
        }
        severity(event.severity());
        triaged = true;
        if (event.classifiedAt().isAfter(latestPhaseAt)) {
            latestPhaseAt = event.classifiedAt();
        }
        affectedAssets.addAll(event.affectedAssets());
    }

    @EventSourcingHandler
    void on(AffectedAssetsAdded event) {
        affectedAssets.addAll(event.assets());
    }

    @EventSourcingHandler
    void on(ContainmentStepRequested event) {
        steps.put(event.stepId(), event.approvalRequired()
                ? ContainmentStepStatus.AWAITING_APPROVAL : ContainmentStepStatus.READY);
    }

    @EventSourcingHandler
    void on(ContainmentStepApproved event) {
        steps.put(event.stepId(), ContainmentStepStatus.READY);
    }

    @EventSourcingHandler
    void on(ContainmentStepRefused event) {
        steps.put(event.stepId(), ContainmentStepStatus.REFUSED);
    }

    @EventSourcingHandler
    void on(ContainmentStepExecuted event) {
        steps.put(event.stepId(), ContainmentStepStatus.EXECUTED);
    }

    @EventSourcingHandler
    void on(ContainmentStepFailed event) {
        steps.put(event.stepId(), ContainmentStepStatus.FAILED);
    }

    @EventSourcingHandler
    void on(RegimesAssessed event) {
        assessedRegimes.clear();
        assessedRegimes.addAll(event.regimes());
        regimesAssessed = true;
    }

    @EventSourcingHandler
    void on(DeadlineApproaching event) {
        announcedDeadlines.add(deadlineKey(event.kind(), event.subject(), event.dueAt(), 0));
    }

    @EventSourcingHandler
    void on(DeadlineMissed event) {
        announcedDeadlines.add(deadlineKey(event.kind(), event.subject(), event.dueAt(), event.tier()));
    }

    @EventSourcingHandler
    void on(NotificationDeliveryFailed event) {
        failingNotifications.put(event.notificationId(), true);
    }

    @EventSourcingHandler
    void on(NotificationDelivered event) {
        failingNotifications.put(event.notificationId(), false);
    }

    @EventSourcingHandler
    void on(ContainmentStepRetryRequested event) {
        steps.put(event.stepId(), ContainmentStepStatus.READY);
    }

    @EventSourcingHandler
    void on(IncidentAssigned event) {
        Set<String> seat = assignees.computeIfAbsent(event.role(), role -> new LinkedHashSet<>());
        if (event.role().isSingleSeat()) {
            seat.clear();
        }
        seat.add(event.assignee());
    }

    @EventSourcingHandler
    void on(IncidentEscalated event) {
        severity(event.to());
    }

    @EventSourcingHandler
    void on(IncidentDeescalated event) {
        severity(event.to());
    }

    @EventSourcingHandler
    void on(EvidenceAttached event) {
        evidenceDigests.add(event.sha256());
    }

    @EventSourcingHandler
    void on(IncidentContained event) {
        status = IncidentStatus.CONTAINED;
        latestPhaseAt = event.containedAt();
    }

    @EventSourcingHandler
    void on(IncidentEradicated event) {
        status = IncidentStatus.ERADICATED;
        latestPhaseAt = event.eradicatedAt();
    }

    @EventSourcingHandler
    void on(IncidentRecovered event) {
        status = IncidentStatus.RECOVERED;
        latestPhaseAt = event.recoveredAt();
    }

    @EventSourcingHandler
    void on(IncidentResolved event) {
        status = IncidentStatus.RESOLVED;
        latestPhaseAt = event.resolvedAt();
    }

    @EventSourcingHandler
    void on(PostIncidentReviewRecorded event) {
        reviewed = true;
        everReviewed = true;
        // the review's own items are A1 … An, open
        event.actionItems().forEach(item -> actionItems.put("A" + (actionItems.size() + 1), ActionItemStatus.OPEN));
    }

    @EventSourcingHandler
    void on(ReviewActionItemAdded event) {
        actionItems.put(event.itemId(), ActionItemStatus.OPEN);
    }

    @EventSourcingHandler
    void on(ReviewActionItemStarted event) {
        actionItems.put(event.itemId(), ActionItemStatus.IN_PROGRESS);
    }

    @EventSourcingHandler
    void on(ReviewActionItemClosed event) {
        actionItems.put(event.itemId(), ActionItemStatus.DONE);
    }

    @EventSourcingHandler
    void on(IncidentClosed event) {
        status = IncidentStatus.CLOSED;
        latestPhaseAt = event.closedAt();
    }

    @EventSourcingHandler
    void on(IncidentDismissed event) {
        status = IncidentStatus.DISMISSED;
    }

    @EventSourcingHandler
    void on(IncidentReopened event) {
        status = event.status();
        acknowledged = true;
        // a reopened incident gets a fresh review of whatever it turns out to be
        reviewed = false;
    }

    /** Once HIGH or CRITICAL, always in need of a review: de-escalating does not undo what the incident was. */
    private void severity(Severity newSeverity) {
        severity = newSeverity;
        reviewRequired |= newSeverity.requiresReview();
    }

    private static String deadlineKey(DeadlineKind kind, String subject, Instant dueAt, int tier) {
        return kind + "|" + subject + "|" + dueAt + "|" + tier;
    }

    private void requireReviewed(String action) {
        if (!everReviewed) {
            throw illegalTransition(action, "its post-incident review is not recorded yet");
        }
    }

    private ActionItemStatus actionItem(String itemId) {
        ActionItemStatus itemStatus = actionItems.get(itemId);
        if (itemStatus == null) {
            throw CommandRefusedException.notFound("action-item-not-found",
                    "incident " + incidentId + " has no review action item " + itemId);
        }
        return itemStatus;
    }

    /** Once the incident's regimes are assessed, facts and reports of other regimes are refused. */
    private void requireApplicable(Regime regime) {
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

    private static void requireText(String field, String text) {
        if (text == null || text.isBlank()) {
            throw CommandRefusedException.invalid("missing-" + field, field + " is required");
        }
    }

    private void requireTriaged(String action) {
        if (!triaged) {
            throw illegalTransition(action, "it has not been triaged");
        }
    }

    private ContainmentStepStatus stepStatus(String stepId) {
        ContainmentStepStatus stepStatus = steps.get(stepId);
        if (stepStatus == null) {
            throw CommandRefusedException.notFound("step-not-found",
                    "incident " + incidentId + " has no containment step " + stepId);
        }
        return stepStatus;
    }

    private void requireStep(String stepId, ContainmentStepStatus required, String action) {
        ContainmentStepStatus current = stepStatus(stepId);
        if (current != required) {
            throw CommandRefusedException.conflict("illegal-step-transition",
                    "cannot " + action + " containment step " + stepId + ": it is " + current + ", and must be "
                            + required);
        }
    }

    private void requireOpen(String action) {
        if (!status.isOpen()) {
            throw illegalTransition(action, "it is " + status);
        }
    }

    private void requireStatus(String action, IncidentStatus required) {
        requireStatus(action, EnumSet.of(required));
    }

    private void requireStatus(String action, Set<IncidentStatus> allowed) {
        if (!allowed.contains(status)) {
            throw illegalTransition(action, "it is " + status + ", and must be " + describe(allowed));
        }
    }

    private CommandRefusedException illegalTransition(String action, String why) {
        return CommandRefusedException.conflict("illegal-transition",
                "cannot " + action + " incident " + incidentId + ": " + why);
    }

    private static void requireTime(String field, Instant time) {
        if (time == null) {
            throw CommandRefusedException.invalid("missing-time", field + " is required");
        }
    }

    private void requireNotBeforeLatestPhase(String field, Instant time) {
        requireTime(field, time);
        requireNotBefore(field, time, latestPhaseAt);
    }

    private static void requireNotBefore(String field, Instant time, Instant earliest) {
        if (time.isBefore(earliest)) {
            throw CommandRefusedException.invalid("time-out-of-order",
                    field + " (" + time + ") is before the incident's latest recorded time (" + earliest + ")");
        }
    }

    private static String describe(Set<IncidentStatus> statuses) {
        return statuses.size() == 1 ? statuses.iterator().next().toString() : "one of " + statuses;
    }
}
