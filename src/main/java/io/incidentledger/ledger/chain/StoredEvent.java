package io.incidentledger.ledger.chain;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event exactly as the store holds it: every column the chain hash covers, in stored form (the timestamp as
 * its stored text, payload and metadata as their stored bytes), plus the chain values written beside them.
 *
 * @param type the aggregate type, or null for an event that belongs to no aggregate
 */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String type, String timeStamp, String payloadType, String payloadRevision,
                          byte[] payload, byte[] metaData, byte[] previousHash, byte[] entryHash) {

    /** The hash this event should carry given its stored columns and its predecessor's hash. */
    public byte[] expectedHash() {
        return EventHash.of(this, previousHash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEvent that && globalIndex == that.globalIndex
                && sequenceNumber == that.sequenceNumber && Objects.equals(eventIdentifier, that.eventIdentifier)
                && Objects.equals(aggregateIdentifier, that.aggregateIdentifier) && Objects.equals(type, that.type)
                && Objects.equals(timeStamp, that.timeStamp) && Objects.equals(payloadType, that.payloadType)
                && Objects.equals(payloadRevision, that.payloadRevision) && Arrays.equals(payload, that.payload)
                && Arrays.equals(metaData, that.metaData) && Arrays.equals(previousHash, that.previousHash)
                && Arrays.equals(entryHash, that.entryHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventIdentifier, aggregateIdentifier, sequenceNumber);
    }

    @Override
    public String toString() {
        return "StoredEvent[" + aggregateIdentifier + "#" + sequenceNumber + ", " + payloadType + "]";
    }
}
