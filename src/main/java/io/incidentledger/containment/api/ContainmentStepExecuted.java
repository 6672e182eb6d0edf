package io.incidentledger.containment.api;

import java.time.Instant;

import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.Revision;

/**
 * The outside world carried out containment step {@code stepId} at {@code executedAt}, through {@code adapter}
 * ({@code dry-run} or {@code webhook}), on its {@code attempt}th attempt; {@code externalReference} is the
 * receiver's own reference for it.
 */
@Revision("1")
public record ContainmentStepExecuted(IncidentId incidentId, String stepId, String adapter, String externalReference,
                                      int attempt, Instant executedAt) {
}
