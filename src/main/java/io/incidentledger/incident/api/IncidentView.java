package io.incidentledger.incident.api;

import java.time.Instant;
import java.util.List;

import io.incidentledger.containment.api.ContainmentActionView;
import io.incidentledger.detection.api.DetectionView;
import io.incidentledger.review.api.ReviewView;

/**
 * An incident as its register and timeline projections show it.
 *
 * @param version the sequence number of the last event the register has applied
 */
public record IncidentView(IncidentId incidentId, String title, String description, IncidentStatus status,
                           Severity severity, Category category, IncidentSource source, IncidentTimesView times,
                           Instant reportedAt, String reportedBy, Instant updatedAt, long version,
                           String resolutionSummary, String dismissalReason, List<AffectedAsset> affectedAssets,
                           List<AssigneeView> assignees, List<EvidenceView> evidence,
                           List<ContainmentActionView> containmentActions, List<DetectionView> detections,
                           ReviewView review, List<TimelineEntryView> timeline) {
}
