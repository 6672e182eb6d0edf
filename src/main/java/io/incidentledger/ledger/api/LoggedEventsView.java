package io.incidentledger.ledger.api;

import java.util.List;

/**
 * Consecutive leaves of the Merkle log from the one asked for, each with its event exactly as stored; fewer than asked
 * (or none) when the log is not that long yet, and never with a hole: the list stops before one.
 */
public record LoggedEventsView(List<LoggedEvent> events) {

    public LoggedEventsView {
        events = List.copyOf(events);
    }

    /**
     * One leaf and its event: every column the entry hash covers (the timestamp as its stored text, payload and
     * metadata as their stored bytes) and the chain hashes. The arrays are the stored bytes, not copies.
     *
     * @param aggregateType the stored aggregate type ({@code Incident} for incident events), or null
     * @param previousHash  the predecessor's entry hash in the aggregate's chain
     * @param entryHash     the leaf's data: the event's entry hash as the log admitted it
     */
    public record LoggedEvent(long leafIndex, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                              String aggregateType, long sequenceNumber, String timeStamp, String payloadType,
                              String payloadRevision, byte[] payload, byte[] metaData, byte[] previousHash,
                              byte[] entryHash) {
    }
}
