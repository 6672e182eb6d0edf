package io.incidentledger.ledger.chain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry hash of the newest committed event of recently written aggregates, so that appending the next event
 * needs no read of its predecessor. Only committed events enter (see {@link ChainedAppendStatement}): a committed
 * event never changes, so a remembered hash is always the stored one. Bounded; the least recently used go first.
 */
public final class ChainHeads {

    /** The newest committed event of an aggregate: its sequence number and entry hash. */
    record Head(long sequenceNumber, byte[] entryHash) {
    }

    private final Map<String, Head> heads;

    public ChainHeads(int capacity) {
        this.heads = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The entry hash of the aggregate's event with this sequence number, if it is the remembered head. */
    synchronized byte[] hashOf(String aggregateIdentifier, long sequenceNumber) {
        Head head = heads.get(aggregateIdentifier);
        return head != null && head.sequenceNumber() == sequenceNumber ? head.entryHash() : null;
    }

    synchronized void committed(String aggregateIdentifier, long sequenceNumber, byte[] entryHash) {
        Head known = heads.get(aggregateIdentifier);
        if (known == null || known.sequenceNumber() < sequenceNumber) {
            heads.put(aggregateIdentifier, new Head(sequenceNumber, entryHash));
        }
    }
}
