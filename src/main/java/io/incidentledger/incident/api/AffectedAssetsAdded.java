package io.incidentledger.incident.api;

import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * These assets were found to be affected by the incident, for {@code reason} (a detection's addresses, or a
 * responder).
 */
@Revision("1")
public record AffectedAssetsAdded(IncidentId incidentId, List<AffectedAsset> assets, String reason) {
}
