package io.incidentledger.containment.api;

import java.time.Instant;

import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/** A containment action taken by hand was recorded, performed at {@code performedAt}. */
@Revision("1")
public record ContainmentActionRecorded(IncidentId incidentId,
                                        ContainmentActionType action,
                                        AffectedAsset target,
                                        String description,
                                        Instant performedAt) {
}
