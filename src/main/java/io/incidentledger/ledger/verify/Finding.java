package io.incidentledger.ledger.verify;

/**
 * One piece of damage the verifier found, with its exact place: the aggregate and sequence number of the event,
 * its global index in the store, and its leaf index in the Merkle log, as far as they apply.
 */
public record Finding(Kind kind, String aggregateIdentifier, Long sequenceNumber, Long globalIndex, Long leafIndex,
                      String detail) {

    /** What kind of damage. */
    public enum Kind {
        /** An event's stored columns no longer hash to its entry hash: its payload, metadata or identity changed. */
        EVENT_ALTERED,
        /** An event's previous hash is not its predecessor's entry hash: events were removed, inserted or swapped. */
        CHAIN_BROKEN,
        /** An aggregate's sequence numbers have a hole or do not start at 0: an event was removed. */
        SEQUENCE_GAP,
        /** A leaf of the log names an event that is no longer in the store, or whose hash or place changed. */
        LOGGED_EVENT_MISSING,
        /**
         * An event the admitter has already passed over is not in the log: it was written behind the log's back
         * (e.g. inserted directly into the table), or its leaf was removed.
         */
        EVENT_NOT_IN_LOG,
        /** The log's leaves no longer produce the root of a signed checkpoint. */
        LOG_ROOT_MISMATCH,
        /** A checkpoint's signature does not verify with the log's key. */
        CHECKPOINT_SIGNATURE_INVALID,
        /** A newer checkpoint is not an append-only extension of an older one. */
        CHECKPOINT_INCONSISTENT,
        /** The log is shorter than a checkpoint that was seen before: its tail was cut off. */
        LOG_TRUNCATED
    }

    /** Where, in words: aggregate#sequence, global index, leaf index. */
    public String place() {
        StringBuilder place = new StringBuilder();
        if (aggregateIdentifier != null) {
            place.append("aggregate ").append(aggregateIdentifier);
            if (sequenceNumber != null) {
                place.append(" sequence ").append(sequenceNumber);
            }
        }
        if (globalIndex != null) {
            place.append(place.isEmpty() ? "" : ", ").append("global index ").append(globalIndex);
        }
        if (leafIndex != null) {
            place.append(place.isEmpty() ? "" : ", ").append("leaf ").append(leafIndex);
        }
        return place.toString();
    }
}
