package io.incidentledger.ledger.api;

/**
 * An event's leaf in the Merkle log.
 *
 * @param entryHash the event's entry hash as the log admitted it (the leaf data), lower-case hex
 */
public record LogLeafView(long leafIndex, String eventId, long sequence, String entryHash) {
}
