package io.incidentledger.ledger.api;

/**
 * One event exactly as the store holds it, with its place in the aggregate's hash chain.
 *
 * @param payloadType  the payload's class name as stored
 * @param recordedAt   the stored {@code time_stamp} text, which the entry hash covers
 * @param previousHash the predecessor's entry hash, lower-case hex (the genesis value for the first event)
 * @param entryHash    the event's own entry hash, lower-case hex; {@code null} for an event stored without one
 */
public record StoredEventView(long sequence, String eventId, String payloadType, String recordedAt,
                              String previousHash, String entryHash) {
}
