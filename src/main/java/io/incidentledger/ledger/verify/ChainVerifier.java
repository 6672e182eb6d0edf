package io.incidentledger.ledger.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import org.springframework.stereotype.Component;

/**
 * Re-checks the per-aggregate hash chains from the stored bytes: each event must hash to its entry hash, link to
 * its predecessor's entry hash (the first to {@link EventHash#GENESIS}), and sequence numbers must run 0, 1, 2, …
 * without holes.
 */
@Component
public class ChainVerifier {

    private final StoredEvents events;

    public ChainVerifier(StoredEvents events) {
        this.events = events;
    }

    /** Findings for one aggregate; empty when its chain is intact. */
    public List<Finding> verifyAggregate(String aggregateIdentifier) {
        Walk walk = new Walk();
        events.ofAggregate(aggregateIdentifier).forEach(walk::accept);
        return walk.findings;
    }

    /** Findings for every aggregate in the store, in one streaming pass. */
    public Result verifyAll() {
        return verifyAll(-1, head -> { }, globalIndex -> { });
    }

    /**
     * Findings for every aggregate in the store, in one streaming pass; also hands over each aggregate's newest event
     * at or below global index {@code headsUpTo} (its head for an incremental pass that goes on above it), and every
     * event's global index to {@code read}.
     */
    Result verifyAll(long headsUpTo, Consumer<VerifiedPrefixStore.Head> heads, LongConsumer read) {
        Walk walk = new Walk(headsUpTo, heads);
        events.forEachByAggregate(event -> {
            read.accept(event.globalIndex());
            walk.accept(event);
        });
        walk.endAggregate();
        return new Result(walk.checked, walk.findings);
    }

    /** The outcome of a whole-store pass: how many events were checked and what was found. */
    public record Result(long eventsChecked, List<Finding> findings) {
    }

    /** Walks events grouped by aggregate, in sequence order. */
    private static final class Walk {

        private final List<Finding> findings = new ArrayList<>();
        private final long headsUpTo;
        private final Consumer<VerifiedPrefixStore.Head> heads;
        private String aggregate;
        private long expectedSequence;
        private byte[] previousHash;
        private long checked;
        private StoredEvent head;
        private boolean pastHeads;

        Walk() {
            this(-1, head -> { });
        }

        Walk(long headsUpTo, Consumer<VerifiedPrefixStore.Head> heads) {
            this.headsUpTo = headsUpTo;
            this.heads = heads;
        }

        void accept(StoredEvent event) {
            checked++;
            if (!Objects.equals(aggregate, event.aggregateIdentifier())) {
                endAggregate();
                aggregate = event.aggregateIdentifier();
                expectedSequence = 0;
                previousHash = EventHash.GENESIS;
            }
            // the head is the last of the events from sequence 0 on that are all at or below headsUpTo
            if (!pastHeads && event.globalIndex() <= headsUpTo) {
                head = event;
            } else {
                pastHeads = true;
            }
            if (event.sequenceNumber() != expectedSequence) {
                findings.add(finding(Finding.Kind.SEQUENCE_GAP, event, "expected sequence " + expectedSequence
                        + " but found " + event.sequenceNumber() + ": events are missing before it"));
            }
            if (!Arrays.equals(event.previousHash(), previousHash)) {
                findings.add(finding(Finding.Kind.CHAIN_BROKEN, event,
                        "its previous hash does not match the entry hash of the event before it"));
            }
            if (!Arrays.equals(event.expectedHash(), event.entryHash())) {
                findings.add(finding(Finding.Kind.EVENT_ALTERED, event,
                        "its stored columns no longer hash to its entry hash"));
            }
            expectedSequence = event.sequenceNumber() + 1;
            previousHash = event.entryHash();
        }

        void endAggregate() {
            if (head != null) {
                heads.accept(new VerifiedPrefixStore.Head(head.aggregateIdentifier(), head.sequenceNumber(),
                        head.entryHash()));
            }
            head = null;
            pastHeads = false;
        }

        private static Finding finding(Finding.Kind kind, StoredEvent event, String detail) {
            return new Finding(kind, event.aggregateIdentifier(), event.sequenceNumber(), event.globalIndex(), null,
                    detail);
        }
    }
}
