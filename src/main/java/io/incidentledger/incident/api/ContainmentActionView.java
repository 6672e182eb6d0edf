package io.incidentledger.incident.api;

import java.time.Instant;

/** A containment action recorded on an incident. */
public record ContainmentActionView(ContainmentActionType action, AffectedAsset target, String description,
                                    Instant performedAt, Instant recordedAt, String recordedBy) {
}
