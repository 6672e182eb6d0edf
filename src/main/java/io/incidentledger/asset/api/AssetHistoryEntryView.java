package io.incidentledger.asset.api;

import java.time.Instant;

/**
 * One event in an asset's history.
 *
 * @param sequence   the event's sequence number in the asset's stream
 * @param eventType  the event's name, e.g. {@code SigningKeyRevoked}
 * @param state      the asset's state after the event
 * @param actor      who caused it (user or service), from the event's metadata
 * @param recordedAt the event's timestamp
 */
public record AssetHistoryEntryView(long sequence,
                                    String eventType,
                                    AssetState state,
                                    String incidentId,
                                    String stepId,
                                    String reason,
                                    String externalReference,
                                    String actor,
                                    Instant recordedAt) {
}
