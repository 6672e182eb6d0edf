package io.incidentledger.incident.query;

import java.util.Optional;
import java.util.stream.Collectors;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.ContainmentActionRecorded;
import io.incidentledger.incident.api.DetectionAttached;
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
import io.incidentledger.incident.api.PostIncidentReviewRecorded;

/** One readable line per incident event, as the timeline shows it. */
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
        }
        return Optional.ofNullable(line);
    }

    private static String asset(AffectedAsset asset) {
        return asset.type() + " " + asset.identifier() + (asset.chain() == null ? "" : " on " + asset.chain());
    }

    private static String withSummary(String summary) {
        return summary == null || summary.isBlank() ? "" : ": " + summary;
    }
}
