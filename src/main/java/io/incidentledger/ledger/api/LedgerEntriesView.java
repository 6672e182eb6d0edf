package io.incidentledger.ledger.api;

import java.util.List;

/**
 * What the ledger holds for one aggregate, read as stored. The two lists are read separately, as the store and the
 * log keep them: an event stored a moment ago may not have a leaf yet.
 *
 * @param events           the aggregate's stored events, in sequence order
 * @param leaves           the leaves of the aggregate's events in the Merkle log, in sequence order
 * @param latestCheckpoint the log's newest signed checkpoint, or {@code null} while it has signed none
 */
public record LedgerEntriesView(String aggregateIdentifier, List<StoredEventView> events, List<LogLeafView> leaves,
                                CheckpointView latestCheckpoint) {
}
