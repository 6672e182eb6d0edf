package io.incidentledger.incident.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A containment action taken by hand was recorded, performed at {@code performedAt}. */
@Revision("1")
public record ContainmentActionRecorded(IncidentId incidentId,
                                        ContainmentActionType action,
                                        AffectedAsset target,
                                        String description,
                                        Instant performedAt) {
}
