package io.incidentledger.incident.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * The incident was classified as {@code severity} and {@code category} as of {@code classifiedAt}, affecting the
 * listed assets.
 */
@Revision("1")
public record IncidentTriaged(IncidentId incidentId,
                              Severity severity,
                              Category category,
                              List<AffectedAsset> affectedAssets,
                              Instant classifiedAt) {
}
