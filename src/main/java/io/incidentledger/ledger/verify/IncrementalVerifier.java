package io.incidentledger.ledger.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.LedgerLog;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One incremental pass: checks what the store gained since the verified prefix ({@link VerifiedPrefix}), and only
 * that, with the same findings, at the same places, as a whole-store pass would make for it:
 * <ul>
 *   <li>the events above the prefix's global index, up to the admitter's low-water mark (below it no transaction can
 *       still add an event, so a late commit is never taken for a missing one): each hashes to its entry hash and
 *       chains onto its aggregate's verified head, or onto the event before it in the pass; each has a leaf;</li>
 *   <li>the leaves after the prefix's log size, against their events, folded from the prefix's frontier into the root
 *       of every new checkpoint; the nodes over them; each new checkpoint's signature, verified once; the newest
 *       checkpoint consistent with the verified one.</li>
 * </ul>
 * Before that it checks, cheaply, that the verified state still agrees with the store: the verified checkpoint is
 * still stored as it was, the stored frontier nodes are the verified frontier and fold to the verified root, the
 * witness agrees with them, and each verified head it chains onto is still the stored event's hash. When the prefix
 * or the witness disagrees, the pass does not guess: it asks for a whole-store pass, which says exactly what is wrong.
 * When an aggregate's new events do not chain onto its head, that aggregate is verified whole, as the whole-store pass
 * would, so that the findings are the same (and a head that is merely stale raises nothing).
 *
 * <p>What it cannot see is a change to what it verified before (an old event edited, an old leaf or node rewritten,
 * an event slipped in below the verified global index): that is what the whole-store pass on its longer schedule is
 * for.
 */
final class IncrementalVerifier {

    private final JdbcTemplate jdbc;
    private final LogVerifier logVerifier;
    private final ChainVerifier chains;
    private final StoredEvents storedEvents;
    private final LedgerLog ledgerLog;
    private final VerifiedPrefixStore prefixes;
    private final int maxEventsPerPass;

    IncrementalVerifier(JdbcTemplate jdbc, LogVerifier logVerifier, ChainVerifier chains, StoredEvents storedEvents,
                        LedgerLog ledgerLog, VerifiedPrefixStore prefixes, int maxEventsPerPass) {
        this.jdbc = jdbc;
        this.logVerifier = logVerifier;
        this.chains = chains;
        this.storedEvents = storedEvents;
        this.ledgerLog = ledgerLog;
        this.prefixes = prefixes;
        this.maxEventsPerPass = maxEventsPerPass;
    }

    /**
     * The outcome: what was checked and found, and the prefix (with the heads that changed) to record when nothing
     * was found. {@code wholeStoreNeeded} names why the verified state cannot be trusted; nothing else is then set.
     * {@code moreLeft}: the pass stopped at {@code max-events-per-pass} below the low-water mark.
     */
    record Outcome(String wholeStoreNeeded, long eventsChecked, long leavesChecked, Optional<Checkpoint> newest,
                   List<Finding> findings, VerifiedPrefix next, List<VerifiedPrefixStore.Head> changedHeads,
                   boolean moreLeft) {

        static Outcome wholeStore(String reason) {
            return new Outcome(reason, 0, 0, Optional.empty(), List.of(), null, List.of(), false);
        }
    }

    /** Runs inside the caller's read-only snapshot transaction. */
    Outcome verify(VerifiedPrefix prefix, Optional<Checkpoint> witness, Instant now) {
        long size = prefix.logSize();
        Optional<String> disagreement = disagreement(prefix, witness);
        if (disagreement.isPresent()) {
            return Outcome.wholeStore(disagreement.get());
        }
        LogVerifier.Result log = logVerifier.verifyAfter(size, prefix.frontier(), witness);
        List<Finding> findings = new ArrayList<>(log.findings());

        long lowWater = ledgerLog.lowWater();
        if (lowWater < prefix.globalIndex()) {
            return Outcome.wholeStore("the admitter's low-water mark " + lowWater + " is below the verified global "
                    + "index " + prefix.globalIndex());
        }
        List<StoredEvent> events = storedEvents.between(prefix.globalIndex(), lowWater, maxEventsPerPass);
        boolean moreLeft = events.size() == maxEventsPerPass;
        long verifiedUpTo = moreLeft ? events.get(events.size() - 1).globalIndex() : lowWater;
        List<VerifiedPrefixStore.Head> heads = new ArrayList<>();
        findings.addAll(verifyChains(events, verifiedUpTo, heads));
        findings.addAll(eventsNotInLog(prefix.globalIndex(), verifiedUpTo));

        Optional<Checkpoint> newest = log.newestCheckpoint();
        if (findings.isEmpty() && newest.isPresent() && size > 0) {
            Checkpoint verified = prefix.checkpoint();
            LedgerVerification.consistency(ledgerLog, verified, newest.get()).ifPresent(findings::add);
        }
        VerifiedPrefix next = null;
        if (findings.isEmpty()) {
            next = nextPrefix(prefix, log, verifiedUpTo, now);
        }
        Optional<Checkpoint> newestVerified = newest.isPresent() || size == 0 ? newest
                : Optional.of(prefix.checkpoint());
        return new Outcome(null, events.size(), log.leavesChecked(), newestVerified, findings, next, heads, moreLeft);
    }

    /** Why the verified state no longer agrees with the store, if it does not: cheap reads only. */
    private Optional<String> disagreement(VerifiedPrefix prefix, Optional<Checkpoint> witness) {
        long size = prefix.logSize();
        if (size > 0) {
            Optional<LedgerLog.StoredCheckpoint> stored = ledgerLog.checkpoint(size);
            if (stored.isEmpty() || !stored.get().note().equals(prefix.checkpointNote())
                    || !Arrays.equals(stored.get().rootHash(), prefix.rootHash())) {
                return Optional.of("the verified checkpoint of size " + size + " is not stored as it was verified");
            }
        }
        if (!Arrays.equals(RootWalk.rootOf(prefix.frontier()), prefix.rootHash())) {
            return Optional.of("the verified frontier does not fold to the verified root");
        }
        Optional<List<byte[]>> frontier = ledgerLog.frontier(size);
        if (frontier.isEmpty() || !sameHashes(frontier.get(), prefix.frontier())) {
            return Optional.of("the stored nodes that tile the first " + size + " leaves are not the verified ones");
        }
        if (witness.isPresent() && witness.get().treeSize() <= size && witness.get().treeSize() > 0) {
            Checkpoint witnessed = witness.get();
            boolean agrees = witnessed.treeSize() == size ? Arrays.equals(witnessed.rootHash(), prefix.rootHash())
                    : LedgerVerification.consistency(ledgerLog, witnessed,
                            prefix.checkpoint()).isEmpty();
            if (!agrees) {
                return Optional.of("the witnessed checkpoint of size " + witnessed.treeSize()
                        + " does not agree with the verified prefix");
            }
        }
        return Optional.empty();
    }

    /**
     * The chains of the new events, aggregate by aggregate in sequence order, each from its verified head (or from
     * genesis). An aggregate whose new events do not follow on is verified whole instead. Collects each touched
     * aggregate's new head.
     */
    private List<Finding> verifyChains(List<StoredEvent> events, long verifiedUpTo,
                                       List<VerifiedPrefixStore.Head> newHeads) {
        Map<String, List<StoredEvent>> byAggregate = new LinkedHashMap<>();
        events.forEach(event -> byAggregate.computeIfAbsent(event.aggregateIdentifier(), key -> new ArrayList<>())
                .add(event));
        Map<String, VerifiedPrefixStore.Head> heads = prefixes.heads(byAggregate.keySet());
        Map<String, byte[]> storedHeadHashes = prefixes.storedHashes(heads.values());
        List<Finding> findings = new ArrayList<>();
        Set<String> wholeAggregates = new HashSet<>();
        byAggregate.forEach((aggregate, ofAggregate) -> {
            ofAggregate.sort(Comparator.comparingLong(StoredEvent::sequenceNumber));
            VerifiedPrefixStore.Head head = heads.get(aggregate);
            if (head != null && !Arrays.equals(storedHeadHashes.get(aggregate + "#" + head.sequenceNumber()),
                    head.entryHash())) {
                wholeAggregates.add(aggregate);
                return;
            }
            long expectedSequence = head == null ? 0 : head.sequenceNumber() + 1;
            byte[] previous = head == null ? EventHash.GENESIS : head.entryHash();
            for (StoredEvent event : ofAggregate) {
                if (event.sequenceNumber() != expectedSequence || !Arrays.equals(event.previousHash(), previous)
                        || !Arrays.equals(event.expectedHash(), event.entryHash())) {
                    wholeAggregates.add(aggregate);
                    return;
                }
                expectedSequence++;
                previous = event.entryHash();
            }
            StoredEvent last = ofAggregate.get(ofAggregate.size() - 1);
            newHeads.add(new VerifiedPrefixStore.Head(aggregate, last.sequenceNumber(), last.entryHash(),
                    head == null));
        });
        for (String aggregate : wholeAggregates) {
            findings.addAll(chains.verifyAggregate(aggregate));
            headOf(aggregate, verifiedUpTo).map(head -> head.asFirst(!heads.containsKey(aggregate)))
                    .ifPresent(newHeads::add);
        }
        return findings;
    }

    /** The aggregate's newest event of those from sequence 0 on that are all at or below the global index. */
    private Optional<VerifiedPrefixStore.Head> headOf(String aggregate, long upTo) {
        StoredEvent head = null;
        for (StoredEvent event : storedEvents.ofAggregate(aggregate)) {
            if (event.globalIndex() > upTo) {
                break;
            }
            head = event;
        }
        return Optional.ofNullable(head).map(event -> new VerifiedPrefixStore.Head(aggregate, event.sequenceNumber(),
                event.entryHash()));
    }

    /** The new events at or below the low-water mark that have no leaf: slipped in behind the log's back. */
    private List<Finding> eventsNotInLog(long after, long upTo) {
        return jdbc.query("""
                        SELECT e.aggregate_identifier, e.sequence_number, e.global_index
                        FROM domain_event_entry e
                        WHERE e.global_index > ? AND e.global_index <= ?
                          AND NOT EXISTS (SELECT 1 FROM ledger_leaf l WHERE l.global_index = e.global_index)
                        ORDER BY e.global_index""",
                (row, index) -> LogVerifier.passedOver(row.getString(1), row.getLong(2), row.getLong(3)), after,
                upTo);
    }

    /** The prefix after an intact pass: the newest checkpoint the walk passed with its root, and the events. */
    private VerifiedPrefix nextPrefix(VerifiedPrefix prefix, LogVerifier.Result log, long verifiedUpTo,
                                      Instant now) {
        RootWalk walk = log.walk();
        Optional<Checkpoint> newest = log.newestCheckpoint();
        if (newest.isPresent() && newest.get().treeSize() == walk.checkpointSize()
                && walk.checkpointSize() > prefix.logSize()) {
            String note = ledgerLog.checkpoint(walk.checkpointSize()).orElseThrow().note();
            return new VerifiedPrefix(prefix.version(), walk.checkpointSize(), walk.checkpointRoot(),
                    walk.checkpointFrontier(), note, verifiedUpTo, now, prefix.fullPassAt());
        }
        return new VerifiedPrefix(prefix.version(), prefix.logSize(), prefix.rootHash(), prefix.frontier(),
                prefix.checkpointNote(), verifiedUpTo, now, prefix.fullPassAt());
    }

    private static boolean sameHashes(List<byte[]> first, List<byte[]> second) {
        if (first.size() != second.size()) {
            return false;
        }
        for (int i = 0; i < first.size(); i++) {
            if (!Arrays.equals(first.get(i), second.get(i))) {
                return false;
            }
        }
        return true;
    }
}
