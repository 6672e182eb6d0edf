package io.incidentledger.incident.query;

import java.util.Optional;
import java.util.stream.Collectors;

import io.incidentledger.alerting.api.DeadlineApproaching;
import io.incidentledger.alerting.api.DeadlineMissed;
import io.incidentledger.alerting.api.NotificationDelivered;
import io.incidentledger.alerting.api.NotificationDeliveryFailed;
import io.incidentledger.compliance.api.AwarenessRecorded;
import io.incidentledger.compliance.api.ExtortionPaymentRecorded;
import io.incidentledger.compliance.api.MaterialityDetermined;
import io.incidentledger.compliance.api.RegimesAssessed;
import io.incidentledger.compliance.api.RegulatoryClassificationRecorded;
import io.incidentledger.compliance.api.RegulatoryReportSubmitted;
import io.incidentledger.containment.api.ContainmentActionRecorded;
import io.incidentledger.containment.api.ContainmentStepApproved;
import io.incidentledger.containment.api.ContainmentStepAttemptFailed;
import io.incidentledger.containment.api.ContainmentStepExecuted;
import io.incidentledger.containment.api.ContainmentStepFailed;
import io.incidentledger.containment.api.ContainmentStepRefused;
import io.incidentledger.containment.api.ContainmentStepRequested;
import io.incidentledger.containment.api.ContainmentStepRetryRequested;
import io.incidentledger.detection.api.DetectionAttached;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AffectedAssetsAdded;
import io.incidentledger.incident.api.EvidenceAttached;
import io.incidentledger.incident.api.IncidentAcknowledged;
import io.incidentledger.incident.api.IncidentAssigned;
import io.incidentledger.incident.api.IncidentClosed;
import io.incidentledger.incident.api.IncidentContained;
import io.incidentledger.incident.api.IncidentDeescalated;
import io.incidentledger.incident.api.IncidentDismissed;
import io.incidentledger.incident.api.IncidentEradicated;
import io.incidentledger.incident.api.IncidentEscalated;
import io.incidentledger.incident.api.IncidentRecovered;
import io.incidentledger.incident.api.IncidentReopened;
import io.incidentledger.incident.api.IncidentReported;
import io.incidentledger.incident.api.IncidentResolved;
import io.incidentledger.incident.api.IncidentTriaged;
import io.incidentledger.incident.api.NoteAdded;
import io.incidentledger.review.api.ContributingFactorRecorded;
import io.incidentledger.review.api.PostIncidentReviewRecorded;
import io.incidentledger.review.api.ProcedureChangeRecorded;
import io.incidentledger.review.api.ReviewActionItemAdded;
import io.incidentledger.review.api.ReviewActionItemClosed;
import io.incidentledger.review.api.ReviewActionItemStarted;

/**
 * One readable line per incident event, as the timeline shows it. Other features get these lines through the
 * timeline view or {@code ListIncidentEvents}, not from this class.
 */
final class TimelineSummaries {

    private TimelineSummaries() {
    }

    /** The line for an incident event, or empty for an event that is not about an incident. */
    static Optional<String> summarize(Object event) {
        String line = null;
        if (event instanceof IncidentReported e) {
            line = "Reported " + e.severity() + " " + e.category() + " incident \"" + e.title() + "\" (source "
                    + e.source() + ", detected " + e.detectedAt()
                    + (e.occurredAt() == null ? "" : ", occurred " + e.occurredAt()) + ")";
        } else if (event instanceof DetectionAttached e) {
            line = "Detection " + e.detection().name() + " from " + e.detection().source()
                    + (e.detection().sourceAlertId() == null ? "" : " (alert " + e.detection().sourceAlertId() + ")")
                    + ", " + e.detection().severity() + ", received " + e.detection().receivedAt();
        } else if (event instanceof IncidentAcknowledged) {
            line = "Acknowledged";
        } else if (event instanceof IncidentTriaged e) {
            line = "Triaged as " + e.severity() + " " + e.category() + " (classified " + e.classifiedAt() + ")"
                    + (e.affectedAssets().isEmpty() ? "" : "; affected: " + e.affectedAssets().stream()
                    .map(TimelineSummaries::asset).collect(Collectors.joining(", ")));
        } else if (event instanceof IncidentAssigned e) {
            line = "Assigned " + e.assignee() + " as " + e.role()
                    + (e.replaced() == null ? "" : " (replacing " + e.replaced() + ")");
        } else if (event instanceof IncidentEscalated e) {
            line = "Escalated from " + e.from() + " to " + e.to() + ": " + e.reason();
        } else if (event instanceof IncidentDeescalated e) {
            line = "De-escalated from " + e.from() + " to " + e.to() + ": " + e.reason();
        } else if (event instanceof NoteAdded e) {
            line = "Note: " + e.text();
        } else if (event instanceof EvidenceAttached e) {
            line = "Evidence attached: " + e.name() + " (SHA-256 " + e.sha256() + ") at " + e.location();
        } else if (event instanceof ContainmentActionRecorded e) {
            line = "Containment action " + e.action() + (e.target() == null ? "" : " on " + asset(e.target()))
                    + " performed " + e.performedAt() + (e.description() == null ? "" : ": " + e.description());
        } else if (event instanceof IncidentContained e) {
            line = "Contained as of " + e.containedAt() + withSummary(e.summary());
        } else if (event instanceof IncidentEradicated e) {
            line = "Eradicated as of " + e.eradicatedAt() + withSummary(e.summary());
        } else if (event instanceof IncidentRecovered e) {
            line = "Recovered as of " + e.recoveredAt() + withSummary(e.summary());
        } else if (event instanceof IncidentResolved e) {
            line = "Resolved as of " + e.resolvedAt() + withSummary(e.summary());
        } else if (event instanceof PostIncidentReviewRecorded e) {
            line = "Post-incident review recorded: root cause: " + e.rootCause() + "; " + e.actionItems().size()
                    + " action item(s)";
        } else if (event instanceof IncidentClosed e) {
            line = "Closed as of " + e.closedAt();
        } else if (event instanceof IncidentDismissed e) {
            line = "Dismissed as a false positive: " + e.reason();
        } else if (event instanceof IncidentReopened e) {
            line = "Reopened at " + e.status() + ": " + e.reason();
        } else {
            line = summarizeContainment(event);
        }
        return Optional.ofNullable(line);
    }

    /** Lines for containment steps, deadlines and deliveries. */
    private static String summarizeContainment(Object event) {
        if (event instanceof AffectedAssetsAdded e) {
            return "Affected: " + e.assets().stream().map(TimelineSummaries::asset).collect(Collectors.joining(", "))
                    + " (" + e.reason() + ")";
        } else if (event instanceof ContainmentStepRequested e) {
            return "Containment step " + e.stepId() + " requested: " + e.action()
                    + (e.target() == null ? "" : " on " + asset(e.target())) + " by " + e.playbook()
                    + (e.approvalRequired() ? ", waiting for a commander's approval" : "");
        } else if (event instanceof ContainmentStepApproved e) {
            return "Containment step " + e.stepId() + " approved by " + e.approvedBy() + withSummary(e.comment());
        } else if (event instanceof ContainmentStepRefused e) {
            return "Containment step " + e.stepId() + " refused by " + e.refusedBy() + withSummary(e.reason());
        } else if (event instanceof ContainmentStepExecuted e) {
            return "Containment step " + e.stepId() + " executed at " + e.executedAt() + " through " + e.adapter()
                    + " (reference " + e.externalReference() + ", attempt " + e.attempt() + ")";
        } else if (event instanceof ContainmentStepAttemptFailed e) {
            return "Containment step " + e.stepId() + " attempt " + e.attempt() + " failed: " + e.reason()
                    + "; next attempt at " + e.nextAttemptAt();
        } else if (event instanceof ContainmentStepFailed e) {
            return "Containment step " + e.stepId() + " failed after " + e.attempts() + " attempt(s): " + e.reason();
        } else if (event instanceof ContainmentStepRetryRequested e) {
            return "Containment step " + e.stepId() + " to be tried again, asked by " + e.requestedBy();
        } else if (event instanceof DeadlineApproaching e) {
            return "Deadline approaching: " + e.kind() + " of " + e.subject() + " due at " + e.dueAt();
        } else if (event instanceof DeadlineMissed e) {
            return "Deadline missed: " + e.kind() + " of " + e.subject() + " was due at " + e.dueAt()
                    + "; escalated to tier " + e.tier();
        } else if (event instanceof NotificationDeliveryFailed e) {
            return "Notification " + e.kind() + " to " + e.recipient() + " by " + e.channel() + " failing after "
                    + e.attempts() + " attempt(s): " + e.error();
        } else if (event instanceof NotificationDelivered e) {
            return "Notification to " + e.recipient() + " by " + e.channel() + " delivered after " + e.attempts()
                    + " attempt(s)";
        }
        return summarizeComplianceAndReview(event);
    }

    /** Lines for the compliance facts, report submissions and the review's follow-up. */
    private static String summarizeComplianceAndReview(Object event) {
        if (event instanceof AwarenessRecorded e) {
            return "Became aware at " + e.awareAt() + withSummary(e.basis());
        } else if (event instanceof RegulatoryClassificationRecorded e) {
            return "Classified as " + e.classification() + " at " + e.classifiedAt()
                    + (e.affectedByState().isEmpty() ? "" : ", people affected per State " + e.affectedByState())
                    + withSummary(e.rationale());
        } else if (event instanceof MaterialityDetermined e) {
            return "Determined " + (e.material() ? "material" : "not material") + " at " + e.determinedAt()
                    + withSummary(e.rationale());
        } else if (event instanceof ExtortionPaymentRecorded e) {
            return "Extortion payment made at " + e.paidAt() + withSummary(e.description());
        } else if (event instanceof RegimesAssessed e) {
            return "Regimes assessed: " + (e.regimes().isEmpty() ? "none" : e.regimes()) + withSummary(e.rationale());
        } else if (event instanceof RegulatoryReportSubmitted e) {
            return "Report submitted for " + e.stage() + " at " + e.submittedAt() + " (authority reference "
                    + e.authorityReference() + (e.reportSha256() == null ? "" : ", SHA-256 " + e.reportSha256()) + ")";
        } else if (event instanceof ReviewActionItemAdded e) {
            return "Review action item " + e.itemId() + " added for " + e.owner() + ", due " + e.dueDate() + ": "
                    + e.description();
        } else if (event instanceof ReviewActionItemStarted e) {
            return "Review action item " + e.itemId() + " started";
        } else if (event instanceof ReviewActionItemClosed e) {
            return "Review action item " + e.itemId() + " done: " + e.evidence();
        } else if (event instanceof ContributingFactorRecorded e) {
            return "Contributing factor: " + e.factor();
        } else if (event instanceof ProcedureChangeRecorded e) {
            return "Procedure changed: " + e.description()
                    + (e.reference() == null ? "" : " (" + e.reference() + ")");
        }
        return null;
    }

    private static String asset(AffectedAsset asset) {
        return asset.type() + " " + asset.identifier() + (asset.chain() == null ? "" : " on " + asset.chain());
    }

    private static String withSummary(String summary) {
        return summary == null || summary.isBlank() ? "" : ": " + summary;
    }
}
