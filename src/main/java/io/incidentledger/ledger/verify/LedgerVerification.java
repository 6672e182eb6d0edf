package io.incidentledger.ledger.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

import io.incidentledger.ledger.LedgerProperties;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.LedgerKeyring;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.ProofVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the ledger on demand and for the background verifier: the hash chains, the Merkle log against the
 * events and every signed checkpoint, and the log against the newest checkpoint verified before (the witness,
 * kept in a file outside the database), including an RFC 9162 consistency proof from the witness to the newest
 * checkpoint.
 *
 * <p>Two kinds of pass: a whole-store pass ({@link #verifyStore()}) reads everything; an incremental pass
 * ({@link #verifyIncrementally()}, see {@link IncrementalVerifier}) reads only what came after the verified prefix
 * ({@code ledger_verified_prefix}), which every intact pass of either kind moves forward.
 */
@Component
public class LedgerVerification {

    private static final Logger log = LoggerFactory.getLogger(LedgerVerification.class);

    private final ChainVerifier chains;
    private final LogVerifier logVerifier;
    private final LedgerLog ledgerLog;
    private final StoredEvents storedEvents;
    private final LedgerKeyring keyring;
    private final JdbcTemplate jdbc;
    private final WitnessFile witnessFile;
    private final String logId;
    private final Clock clock;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate writes;
    private final VerifiedPrefixStore prefixes;
    private final IncrementalVerifier incremental;
    private final SnapshotWorker sameSnapshot;

    public LedgerVerification(ChainVerifier chains, JdbcTemplate jdbc, LedgerLog ledgerLog, StoredEvents storedEvents,
                              LedgerKeyring ledgerKeyring, LedgerProperties properties, Clock clock,
                              PlatformTransactionManager transactionManager, WitnessGuard witnessGuard,
                              VerificationProperties verificationProperties) {
        this.chains = chains;
        this.snapshot = Snapshots.readOnly(transactionManager, jdbc.getDataSource());
        this.writes = new TransactionTemplate(transactionManager);
        this.sameSnapshot = new SnapshotWorker(jdbc, snapshot);
        this.prefixes = new VerifiedPrefixStore(jdbc);
        this.keyring = ledgerKeyring;
        this.jdbc = jdbc;
        this.logVerifier = new LogVerifier(jdbc, ledgerKeyring);
        this.incremental = new IncrementalVerifier(jdbc, logVerifier, chains, storedEvents, ledgerLog, prefixes,
                verificationProperties.maxEventsPerPass());
        this.ledgerLog = ledgerLog;
        this.storedEvents = storedEvents;
        this.witnessFile = new WitnessFile(properties.witnessFile(), ledgerKeyring::verifyAnyKey);
        this.logId = witnessGuard.logId();
        this.clock = clock;
    }

    /** The outcome of a verification. {@code checkpointSize} is the newest signed checkpoint that verified. */
    public record Report(boolean intact, Instant verifiedAt, long eventsChecked, long leavesChecked,
                         Long checkpointSize, List<Finding> findings) {
    }

    /** Which kind of pass ran, and why a pass asked to be incremental verified the whole store. */
    public enum PassKind {
        /** Every event, leaf, node and checkpoint. */
        WHOLE_STORE,
        /** Only what came after the verified prefix. */
        INCREMENTAL
    }

    /**
     * A pass as the background verifier sees it: its report, its kind, why an incremental pass became a whole-store
     * one ({@code null} when it did not), and whether work is left for the next pass at once.
     */
    public record Pass(Report report, PassKind kind, String wholeStoreBecause, boolean moreLeft) {
    }

    /**
     * The whole store, read in one read-only transaction: one consistent snapshot of all tables (see
     * {@link Snapshots}), and streamed rows (PostgreSQL honours a fetch size only inside a transaction). When it is
     * intact, the newest checkpoint becomes the witness for the next pass, and the store as read becomes the
     * verified prefix.
     */
    public synchronized Report verifyStore() {
        // read before the snapshot begins: the witnessed checkpoint was committed before, whoever wrote the file
        Optional<WitnessFile.Witness> witnessed = witnessFile.read();
        Checked checked = snapshot.execute(status -> verifyStoreInSnapshot(witnessed));
        record(checked);
        return checked.report();
    }

    /**
     * What came after the verified prefix, in one snapshot like the whole store; a whole-store pass instead when there
     * is no verified prefix yet or it disagrees with the store. When intact, the prefix moves on and the newest
     * checkpoint becomes the witness.
     */
    public synchronized Pass verifyIncrementally() {
        Optional<WitnessFile.Witness> witnessed = witnessFile.read();
        Checked checked = snapshot.execute(status -> {
            Optional<VerifiedPrefix> prefix = prefixes.read();
            if (prefix.isEmpty()) {
                return verifyStoreInSnapshot(witnessed).because("nothing was verified before");
            }
            boolean foreignWitness = belongsToAnotherLog(witnessed);
            Optional<Checkpoint> witness = foreignWitness ? Optional.empty()
                    : witnessed.map(WitnessFile.Witness::checkpoint);
            IncrementalVerifier.Outcome outcome = incremental.verify(prefix.get(), witness, clock.instant());
            if (outcome.wholeStoreNeeded() != null) {
                log.warn("Ledger verification: {}; verifying the whole store", outcome.wholeStoreNeeded());
                return verifyStoreInSnapshot(witnessed).because(outcome.wholeStoreNeeded());
            }
            List<Finding> findings = distinctByPlace(outcome.findings());
            Report report = new Report(findings.isEmpty(), clock.instant(), outcome.eventsChecked(),
                    outcome.leavesChecked(), outcome.newest().map(Checkpoint::treeSize).orElse(null), findings);
            return new Checked(new Pass(report, PassKind.INCREMENTAL, null, outcome.moreLeft()), prefix,
                    outcome.next(), outcome.changedHeads(), List.of(), foreignWitness ? Optional.empty()
                    : outcome.newest());
        });
        record(checked);
        return checked.pass();
    }

    /** A pass and what to record after it: the next prefix and its heads, and the checkpoint to witness. */
    private record Checked(Pass pass, Optional<VerifiedPrefix> startedFrom, VerifiedPrefix next,
                           List<VerifiedPrefixStore.Head> changedHeads, List<String> removedHeads,
                           Optional<Checkpoint> toWitness) {

        Report report() {
            return pass.report();
        }

        Checked because(String reason) {
            return new Checked(new Pass(pass.report(), pass.kind(), reason, pass.moreLeft()), startedFrom, next,
                    changedHeads, removedHeads, toWitness);
        }
    }

    /** After an intact pass: the prefix moves on (unless another verifier moved it meanwhile), then the witness. */
    private void record(Checked checked) {
        if (!checked.report().intact() || checked.next() == null) {
            return;
        }
        Boolean written = writes.execute(status -> prefixes.write(checked.startedFrom(), checked.next(),
                checked.changedHeads(), checked.removedHeads()));
        if (!Boolean.TRUE.equals(written)) {
            log.debug("Ledger verification: another verifier recorded its prefix first; this one is not recorded");
        }
        checked.toWitness().ifPresent(this::writeWitness);
    }

    private Checked verifyStoreInSnapshot(Optional<WitnessFile.Witness> witnessed) {
        Optional<VerifiedPrefix> prefix = prefixes.read();
        long lowWater = ledgerLog.lowWater();
        Map<String, VerifiedPrefixStore.Head> storedHeads = new HashMap<>();
        prefixes.forEachHead(head -> storedHeads.put(head.aggregateIdentifier(), head));
        List<VerifiedPrefixStore.Head> changedHeads = new ArrayList<>();
        PassedOverCheck passedOver = new PassedOverCheck(lowWater);
        // the chains on a second connection with this snapshot while this one walks the leaves (see SnapshotWorker),
        Future<ChainVerifier.Result> chainWork = sameSnapshot.start("ledger-verify-chains",
                () -> chains.verifyAll(lowWater, head -> {
                    VerifiedPrefixStore.Head stored = storedHeads.remove(head.aggregateIdentifier());
                    if (!head.sameAs(stored)) {
                        changedHeads.add(head.asFirst(stored == null));
                    }
                }, passedOver::stored));
        boolean foreignWitness = belongsToAnotherLog(witnessed);
        Optional<Checkpoint> witness = foreignWitness ? Optional.empty()
                : witnessed.map(WitnessFile.Witness::checkpoint);
        Future<List<Finding>> nodeWork = null;
        LogVerifier.Result logResult;
        ChainVerifier.Result chainResult;
        List<Finding> nodeFindings;
        try {
            // and the interior nodes on a third: at 10M events the leaves' walk alone is as long as the chains'
            nodeWork = sameSnapshot.start("ledger-verify-nodes", logVerifier::interiorNodeFindings);
            logResult = logVerifier.verify(witness, passedOver);
            chainResult = SnapshotWorker.await(chainWork);
            nodeFindings = SnapshotWorker.await(nodeWork);
        } catch (RuntimeException | Error failed) {
            // the workers' transactions import this one's snapshot: this one stays open until they are done
            SnapshotWorker.waitOut(chainWork);
            if (nodeWork != null) {
                SnapshotWorker.waitOut(nodeWork);
            }
            throw failed;
        }
        List<Finding> findings = new ArrayList<>(chainResult.findings());
        findings.addAll(logResult.findings());
        findings.addAll(nodeFindings);
        if (passedOver.usable()) {
            logVerifier.eventsPassedOver(passedOver, findings);
        }
        Optional<Checkpoint> newest = logResult.newestCheckpoint();
        if (witness.isPresent() && newest.isPresent() && findings.isEmpty()) {
            consistency(ledgerLog, witness.get(), newest.get()).ifPresent(findings::add);
        }
        findings = distinctByPlace(findings);
        Instant now = clock.instant();
        Report report = new Report(findings.isEmpty(), now, chainResult.eventsChecked(),
                logResult.leavesChecked(), newest.map(Checkpoint::treeSize).orElse(null), findings);
        VerifiedPrefix next = null;
        if (findings.isEmpty()) {
            next = wholeStorePrefix(prefix, logResult, lowWater, now);
        }
        return new Checked(new Pass(report, PassKind.WHOLE_STORE, null, false), prefix, next, changedHeads,
                List.copyOf(storedHeads.keySet()), foreignWitness ? Optional.empty() : newest);
    }

    /** The prefix a whole-store pass verified: the log up to the newest checkpoint, the events up to low water. */
    private VerifiedPrefix wholeStorePrefix(Optional<VerifiedPrefix> before, LogVerifier.Result logResult,
                                            long lowWater, Instant now) {
        long version = before.map(VerifiedPrefix::version).orElse(0L);
        RootWalk walk = logResult.walk();
        Optional<Checkpoint> newest = logResult.newestCheckpoint();
        if (newest.isEmpty() || walk.checkpointSize() != newest.get().treeSize()) {
            return new VerifiedPrefix(version, 0, MerkleHashes.emptyRoot(), List.of(), null, lowWater, now, now);
        }
        String note = ledgerLog.checkpoint(walk.checkpointSize()).orElseThrow().note();
        return new VerifiedPrefix(version, walk.checkpointSize(), walk.checkpointRoot(), walk.checkpointFrontier(),
                note, lowWater, now, now);
    }

    /**
     * One incident: its chain, and each of its events against its leaf and, through an inclusion proof, against
     * the newest signed checkpoint. Events newer than that checkpoint are not yet provable and are not counted.
     * Read in one snapshot, like the whole store: events, leaves and low-water mark of one moment.
     */
    public Report verifyAggregate(String aggregateIdentifier) {
        return snapshot.execute(status -> verifyAggregateInSnapshot(aggregateIdentifier));
    }

    private Report verifyAggregateInSnapshot(String aggregateIdentifier) {
        List<Finding> findings = new ArrayList<>(chains.verifyAggregate(aggregateIdentifier));
        List<StoredEvent> events = storedEvents.ofAggregate(aggregateIdentifier);
        Optional<LedgerLog.StoredCheckpoint> latest = ledgerLog.latestCheckpoint();
        Optional<Checkpoint> checkpoint = latest.flatMap(this::verifiedCheckpoint);
        if (latest.isPresent() && checkpoint.isEmpty()) {
            findings.add(new Finding(Finding.Kind.CHECKPOINT_SIGNATURE_INVALID, null, null, null,
                    latest.get().treeSize(), "the newest checkpoint, of size " + latest.get().treeSize()
                    + ", does not verify with the log's key"));
        }
        checkpoint.flatMap(this::rootMismatch).ifPresent(findings::add);
        long lowWater = ledgerLog.lowWater();
        List<LedgerLog.Leaf> leaves = ledgerLog.leavesOfAggregate(aggregateIdentifier);
        for (StoredEvent event : events) {
            boolean logged = leaves.stream().anyMatch(leaf -> leaf.globalIndex() == event.globalIndex());
            if (!logged && event.globalIndex() <= lowWater) {
                findings.add(LogVerifier.passedOver(aggregateIdentifier, event.sequenceNumber(),
                        event.globalIndex()));
            }
        }
        long proven = 0;
        for (LedgerLog.Leaf leaf : leaves) {
            Optional<StoredEvent> event = events.stream()
                    .filter(candidate -> candidate.globalIndex() == leaf.globalIndex()).findFirst();
            if (event.isEmpty() || !Arrays.equals(event.get().entryHash(), leaf.entryHash())) {
                findings.add(new Finding(Finding.Kind.LOGGED_EVENT_MISSING, aggregateIdentifier,
                        leaf.sequenceNumber(), leaf.globalIndex(), leaf.leafIndex(),
                        event.isEmpty() ? "the event of this leaf is no longer in the store"
                                : "the event of this leaf no longer has the entry hash the log holds"));
                continue;
            }
            if (!event.get().eventIdentifier().equals(leaf.eventIdentifier())
                    || event.get().sequenceNumber() != leaf.sequenceNumber()) {
                findings.add(new Finding(Finding.Kind.LOGGED_EVENT_MISSING, aggregateIdentifier,
                        leaf.sequenceNumber(), leaf.globalIndex(), leaf.leafIndex(), "the leaf names another event "
                        + "than the one stored at its global index (" + event.get().aggregateIdentifier()
                        + " sequence " + event.get().sequenceNumber() + ")"));
            }
            if (checkpoint.isPresent() && leaf.leafIndex() < checkpoint.get().treeSize()) {
                long size = checkpoint.get().treeSize();
                boolean included = ProofVerifier.verifyInclusion(MerkleHashes.leafHash(leaf.entryHash()),
                        leaf.leafIndex(), size, ledgerLog.inclusionProof(leaf.leafIndex(), size),
                        checkpoint.get().rootHash());
                if (!included) {
                    findings.add(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, aggregateIdentifier,
                            leaf.sequenceNumber(), leaf.globalIndex(), leaf.leafIndex(),
                            "the inclusion proof of this leaf does not lead to the signed checkpoint of size "
                                    + size));
                } else {
                    proven++;
                }
            }
        }
        return new Report(findings.isEmpty(), clock.instant(), events.size(), proven,
                checkpoint.map(Checkpoint::treeSize).orElse(null), distinctByPlace(findings));
    }

    /** The stored tree must still produce the checkpoint's root: leaves or nodes cut off the log are caught here. */
    private Optional<Finding> rootMismatch(Checkpoint checkpoint) {
        long size = checkpoint.treeSize();
        if (ledgerLog.size() < size) {
            return Optional.of(new Finding(Finding.Kind.LOG_TRUNCATED, null, null, null, ledgerLog.size(),
                    "the log has " + ledgerLog.size() + " leaves but its newest checkpoint names " + size));
        }
        try {
            if (Arrays.equals(ledgerLog.root(size), checkpoint.rootHash())) {
                return Optional.empty();
            }
        } catch (RuntimeException missingNode) {
            // a node the root needs is gone: reported below like a wrong one
        }
        return Optional.of(new Finding(Finding.Kind.LOG_ROOT_MISMATCH, null, null, null, size - 1,
                "the stored log no longer produces the root of its newest checkpoint, of size " + size));
    }

    /** One finding per kind and place; different explanations of the same damage are joined. */
    private static List<Finding> distinctByPlace(List<Finding> findings) {
        Map<String, Finding> byPlace = new LinkedHashMap<>();
        findings.forEach(finding -> byPlace.merge(finding.kind() + " " + finding.place(), finding,
                (first, again) -> first.detail().equals(again.detail()) ? first
                        : new Finding(first.kind(), first.aggregateIdentifier(), first.sequenceNumber(),
                        first.globalIndex(), first.leafIndex(), first.detail() + "; " + again.detail())));
        return List.copyOf(byPlace.values());
    }

    private Optional<Checkpoint> verifiedCheckpoint(LedgerLog.StoredCheckpoint stored) {
        try {
            return Optional.of(Checkpoint.parse(keyring.verifyCheckpoint(keyring.schedule(jdbc),
                    stored.note(), stored.treeSize())));
        } catch (RuntimeException invalid) {
            return Optional.empty();
        }
    }

    /** Whether {@code newer} is an append-only extension of {@code older}, by a consistency proof from the store. */
    static Optional<Finding> consistency(LedgerLog ledgerLog, Checkpoint older, Checkpoint newer) {
        if (older.treeSize() == 0) {
            return Optional.empty();
        }
        // equal sizes need equal roots (an empty proof); different roots at one size are a forked history
        List<byte[]> proof = older.treeSize() == newer.treeSize() ? List.of()
                : ledgerLog.consistencyProof(older.treeSize(), newer.treeSize());
        boolean consistent = ProofVerifier.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(),
                newer.rootHash(), proof);
        return consistent ? Optional.empty() : Optional.of(new Finding(Finding.Kind.CHECKPOINT_INCONSISTENT, null,
                null, null, older.treeSize(), "the checkpoint of size " + newer.treeSize()
                + " is not an append-only extension of the witnessed checkpoint of size " + older.treeSize()));
    }

    /** Whether the witness file names another log than this one: put in place while the service runs. */
    private boolean belongsToAnotherLog(Optional<WitnessFile.Witness> witness) {
        if (witness.isEmpty() || witness.get().logId() == null || witness.get().logId().equals(logId)) {
            return false;
        }
        log.warn("The ledger witness file {} now names log {}, not log {} of this database: verifying without it and "
                + "leaving it as it is (the next start refuses, see docs/operations.md)", witnessFile.path(),
                witness.get().logId(), logId);
        return true;
    }

    private void writeWitness(Checkpoint checkpoint) {
        ledgerLog.checkpoint(checkpoint.treeSize()).ifPresent(stored -> witnessFile.write(logId, stored.note()));
    }
}
