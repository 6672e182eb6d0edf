package io.incidentledger.containment.api;

import java.time.Instant;

import io.incidentledger.incident.api.AffectedAsset;

/** A containment action recorded on an incident. */
public record ContainmentActionView(ContainmentActionType action, AffectedAsset target, String description,
                                    Instant performedAt, Instant recordedAt, String recordedBy) {
}
