package io.incidentledger.incident.web;

import java.time.Instant;
import java.util.List;

import io.incidentledger.common.Limits;
import io.incidentledger.containment.api.ContainmentActionType;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.AssignmentRole;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The request bodies of the incident API, validated here at the edge before they become commands. */
final class IncidentRequests {

    private IncidentRequests() {
    }

    record ReportRequest(@NotBlank @Size(max = Limits.TITLE) String title,
                         @Size(max = Limits.TEXT) String description,
                         @NotNull Severity severity,
                         @NotNull Category category,
                         Instant occurredAt,
                         Instant detectedAt) {
    }

    record AssetRequest(@NotNull AssetType type,
                        @NotBlank @Size(max = Limits.NAME) String identifier,
                        @Size(max = Limits.CHAIN) String chain) {

        AffectedAsset toAsset() {
            return new AffectedAsset(type, identifier, chain == null || chain.isBlank() ? null : chain);
        }
    }

    record TriageRequest(@NotNull Severity severity,
                         @NotNull Category category,
                         @Size(max = Limits.ITEMS) List<@NotNull @Valid AssetRequest> affectedAssets,
                         Instant classifiedAt) {

        List<AffectedAsset> assets() {
            return affectedAssets == null ? List.of() : affectedAssets.stream().map(AssetRequest::toAsset).toList();
        }
    }

    record AffectedAssetsRequest(@NotNull @Size(min = 1, max = Limits.ITEMS) List<@NotNull @Valid AssetRequest> assets,
                                 @NotBlank @Size(max = Limits.TEXT) String reason) {
    }

    record AssignmentRequest(@NotNull AssignmentRole role, @NotBlank @Size(max = Limits.NAME) String assignee) {
    }

    record SeverityChangeRequest(@NotNull Severity severity, @NotBlank @Size(max = Limits.TEXT) String reason) {
    }

    record NoteRequest(@NotBlank @Size(max = Limits.TEXT) String text) {
    }

    record EvidenceRequest(@NotBlank @Size(max = Limits.NAME) String name,
                           @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hexadecimal digits")
                           String sha256,
                           @NotBlank @Size(max = Limits.LOCATION) String location,
                           @Size(max = Limits.TEXT) String description) {
    }

    record ContainmentActionRequest(@NotNull ContainmentActionType action,
                                    @Valid AssetRequest target,
                                    @Size(max = Limits.TEXT) String description,
                                    Instant performedAt) {
    }

    record ContainmentRequest(Instant containedAt, @Size(max = Limits.TEXT) String summary) {
    }

    record EradicationRequest(Instant eradicatedAt, @Size(max = Limits.TEXT) String summary) {
    }

    record RecoveryRequest(Instant recoveredAt, @Size(max = Limits.TEXT) String summary) {
    }

    record ResolutionRequest(@NotBlank @Size(max = Limits.TEXT) String summary, Instant resolvedAt) {
    }

    record ReviewRequest(@NotBlank @Size(max = Limits.TEXT) String rootCause,
                         @NotBlank @Size(max = Limits.TEXT) String lessonsLearned,
                         @Size(max = Limits.ITEMS) List<@NotBlank @Size(max = Limits.DESCRIPTION) String> actionItems) {
    }

    record ClosureRequest(Instant closedAt) {
    }

    record ReasonRequest(@NotBlank @Size(max = Limits.TEXT) String reason) {
    }

    /** The answer to a report: the new incident's id. */
    record ReportedResponse(String incidentId) {
    }
}
