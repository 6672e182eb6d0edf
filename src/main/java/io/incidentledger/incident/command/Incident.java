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
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.incidentledger.alerting.api.DeadlineKind;
import io.incidentledger.alerting.api.RecordDeadlineApproaching;
import io.incidentledger.alerting.api.RecordDeadlineMissed;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentActionRecorded;
import io.incidentledger.containment.api.ContainmentStepRequested;
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
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.RecordPostIncidentReview;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.serialization.Revision;
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
 *
 * <p>The incident keeps its lifecycle; what follows rules of its own is kept by its members: each
 * {@link ContainmentStep} (keyed by step id), the {@link ReviewFollowUp} with each {@link ReviewActionItem}, the
 * {@link ComplianceFacts}, the {@link NotificationReceipts} and the {@link DeadlineAnnouncements}. They live in the
 * incident's one event stream, so one incident is still one hash chain. Where a member's command also depends on the
 * lifecycle (a step is approved only while the incident is open), the incident checks that and hands it on.
 *
 * <p>Its state may be stored as a snapshot, which is only a cache (docs/architecture.md, "Aggregates and
 * snapshots"): hence the field access for Jackson, and the revision, to be raised whenever the stored fields change.
 */
@Aggregate(repository = "incidentRepository")
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
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
    private boolean reviewRequired;
    private boolean reviewed;
    private Instant latestPhaseAt;
    // ordered collections are declared as such, so that a snapshot restores them in their order
    private final EnumMap<AssignmentRole, LinkedHashSet<String>> assignees = new EnumMap<>(AssignmentRole.class);
    private final Set<String> evidenceDigests = new HashSet<>();
    private final Set<String> detectionFingerprints = new HashSet<>();
    private final LinkedHashSet<AffectedAsset> affectedAssets = new LinkedHashSet<>();
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<String, ContainmentStep> steps = new HashMap<>();
    @AggregateMember
    private final ReviewFollowUp reviewFollowUp = new ReviewFollowUp();
    @AggregateMember
    private final ComplianceFacts complianceFacts = new ComplianceFacts();
    @AggregateMember
    private final NotificationReceipts notifications = new NotificationReceipts();
    @AggregateMember
    private final DeadlineAnnouncements deadlines = new DeadlineAnnouncements();

    protected Incident() {
        // required by Axon to rebuild the incident from its events
    }

    @CommandHandler
    Incident(ReportIncident command) {
        Require.time("detectedAt", command.detectedAt());
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
        Require.time("receivedAt", detection.receivedAt());
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
            Require.time("classifiedAt", command.classifiedAt());
            Require.notBefore("classifiedAt", command.classifiedAt(), detectedAt);
        }
        apply(new IncidentTriaged(incidentId, command.severity(), command.category(),
                List.copyOf(command.affectedAssets()), command.classifiedAt()));
    }

    @CommandHandler
    void handle(AssignIncident command) {
        requireOpen("assign");
        Set<String> seat = assignees.getOrDefault(command.role(), new LinkedHashSet<>());
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
        requireStatus("eradicate", EnumSet.of(IncidentStatus.CONTAINED));
        requireTriaged("eradicate");
        requireNotBeforeLatestPhase("eradicatedAt", command.eradicatedAt());
        apply(new IncidentEradicated(incidentId, command.eradicatedAt(), command.summary()));
    }

    @CommandHandler
    void handle(RecoverIncident command) {
        requireStatus("recover", EnumSet.of(IncidentStatus.ERADICATED));
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
        requireStatus("record the post-incident review of", EnumSet.of(IncidentStatus.RESOLVED));
        apply(new PostIncidentReviewRecorded(incidentId, command.rootCause(), command.lessonsLearned(),
                List.copyOf(command.actionItems())));
    }

    @CommandHandler
    void handle(CloseIncident command) {
        requireStatus("close", EnumSet.of(IncidentStatus.RESOLVED));
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

    // --- containment steps: the incident says whether it takes the command, the step whether it fits the step ------

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
        ContainmentStep.requireFittingTarget(command);
        apply(new ContainmentStepRequested(incidentId, command.stepId(), command.playbook(), command.action(),
                command.target(), command.approvalRequired(), command.reason()));
        return true;
    }

    @CommandHandler
    void handle(ApproveContainmentStep command, @MetaDataValue(ACTOR) String actor) {
        requireOpen("approve a containment step of");
        step(command.stepId()).approve(command, actor);
    }

    @CommandHandler
    void handle(RefuseContainmentStep command, @MetaDataValue(ACTOR) String actor) {
        requireOpen("refuse a containment step of");
        step(command.stepId()).refuse(command, actor);
    }

    /** The outside world's answers are recorded whatever the incident's status. */
    @CommandHandler
    void handle(RecordContainmentStepExecuted command) {
        step(command.stepId()).recordExecuted(command);
    }

    @CommandHandler
    void handle(RecordContainmentStepAttemptFailed command) {
        step(command.stepId()).recordAttemptFailed(command);
    }

    @CommandHandler
    void handle(RecordContainmentStepFailed command) {
        step(command.stepId()).recordFailed(command);
    }

    @CommandHandler
    void handle(RetryContainmentStep command, @MetaDataValue(ACTOR) String actor) {
        requireOpen("retry a containment step of");
        step(command.stepId()).retry(command, actor);
    }

    /** A regulatory deadline is announced whatever the status (reports follow closure); the others while open. */
    @CommandHandler
    void handle(RecordDeadlineApproaching command) {
        if (command.kind() != DeadlineKind.REGULATORY_REPORT) {
            requireOpen("record an approaching deadline on");
        }
        deadlines.recordApproaching(command);
    }

    @CommandHandler
    void handle(RecordDeadlineMissed command) {
        if (command.kind() != DeadlineKind.REGULATORY_REPORT) {
            requireOpen("record a missed deadline on");
        }
        deadlines.recordMissed(command);
    }

    @EventSourcingHandler
    void on(IncidentReported event) {
        incidentId = event.incidentId();
        status = IncidentStatus.REPORTED;
        severity(event.severity());
        latestPhaseAt = event.detectedAt();
        detectedAt = event.detectedAt();
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
        phase(IncidentStatus.CONTAINED, event.containedAt());
    }

    @EventSourcingHandler
    void on(IncidentEradicated event) {
        phase(IncidentStatus.ERADICATED, event.eradicatedAt());
    }

    @EventSourcingHandler
    void on(IncidentRecovered event) {
        phase(IncidentStatus.RECOVERED, event.recoveredAt());
    }

    @EventSourcingHandler
    void on(IncidentResolved event) {
        phase(IncidentStatus.RESOLVED, event.resolvedAt());
    }

    @EventSourcingHandler
    void on(IncidentClosed event) {
        phase(IncidentStatus.CLOSED, event.closedAt());
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

    /** Creates the step; the step follows its own events from there. */
    @EventSourcingHandler
    void on(ContainmentStepRequested event) {
        steps.put(event.stepId(), new ContainmentStep(event.stepId(), event.approvalRequired()));
    }

    @EventSourcingHandler
    void on(PostIncidentReviewRecorded event) {
        reviewed = true;
    }

    private void phase(IncidentStatus reached, Instant at) {
        status = reached;
        latestPhaseAt = at;
    }

    /** Once HIGH or CRITICAL, always in need of a review: de-escalating does not undo what the incident was. */
    private void severity(Severity newSeverity) {
        severity = newSeverity;
        reviewRequired |= newSeverity.requiresReview();
    }

    private ContainmentStep step(String stepId) {
        ContainmentStep step = steps.get(stepId);
        if (step == null) {
            throw CommandRefusedException.notFound("step-not-found",
                    "incident " + incidentId + " has no containment step " + stepId);
        }
        return step;
    }

    private void requireTriaged(String action) {
        if (!triaged) {
            throw illegalTransition(action, "it has not been triaged");
        }
    }

    private void requireOpen(String action) {
        if (!status.isOpen()) {
            throw illegalTransition(action, "it is " + status);
        }
    }

    private void requireStatus(String action, Set<IncidentStatus> allowed) {
        if (!allowed.contains(status)) {
            throw illegalTransition(action, "it is " + status + ", and must be "
                    + (allowed.size() == 1 ? allowed.iterator().next().toString() : "one of " + allowed));
        }
    }

    private void requireNotBeforeLatestPhase(String field, Instant time) {
        Require.time(field, time);
        Require.notBefore(field, time, latestPhaseAt);
    }

    private CommandRefusedException illegalTransition(String action, String why) {
        return CommandRefusedException.conflict("illegal-transition",
                "cannot " + action + " incident " + incidentId + ": " + why);
    }
}
