package io.incidentledger.ledger.witness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import io.incidentledger.ledger.log.AddCheckpointRequest;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.SignedNote;
import io.incidentledger.ledger.witness.WitnessClient.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's dealings with one witness: offers it the newest checkpoint with a consistency proof from the size the
 * witness last cosigned, keeps the cosignature once it verifies, follows a 409 to the witness's size, backs off
 * after failures, and looks into a refusal that may mean a split view.
 *
 * <p>A split view is raised only on evidence: a checkpoint the witness serves that verifies with the log's own key
 * and that this log's history does not extend. A witness that merely answers 422, or serves something the log never
 * signed, is a failing witness, not a tampered log: a false alarm is as serious as a missed one.
 */
class WitnessSession {

    private static final Logger log = LoggerFactory.getLogger(WitnessSession.class);
    /** How many times one offer follows a 409 to the witness's size before waiting for the next pass. */
    private static final int ROUNDS = 3;

    private final ConfiguredWitness witness;
    private final WitnessClient client;
    private final Cosignatures cosignatures;
    private final LedgerLog ledgerLog;
    /** Verifies a note with whichever of the log's keys (current or retired) signed it; returns its text. */
    private final UnaryOperator<String> logKeys;
    private final String origin;
    private final WitnessAlarms alarms;
    private final Clock clock;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private Long knownSize;
    private int failuresInARow;
    private Instant nextAttempt = Instant.MIN;

    WitnessSession(ConfiguredWitness witness, WitnessClient client, Cosignatures cosignatures, LedgerLog ledgerLog,
                   UnaryOperator<String> logKeys, String origin, WitnessAlarms alarms, Clock clock,
                   Duration minBackoff, Duration maxBackoff) {
        this.witness = witness;
        this.client = client;
        this.cosignatures = cosignatures;
        this.ledgerLog = ledgerLog;
        this.logKeys = logKeys;
        this.origin = origin;
        this.alarms = alarms;
        this.clock = clock;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    ConfiguredWitness witness() {
        return witness;
    }

    /**
     * Asks the witness to cosign the checkpoint, unless it is known to have cosigned it or a later one, or the
     * session is backing off after a failure.
     */
    synchronized void offer(LedgerLog.StoredCheckpoint checkpoint) {
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            return;
        }
        if (knownSize == null) {
            knownSize = cosignatures.cosignedSize(witness);
        }
        if (knownSize >= checkpoint.treeSize()) {
            return;
        }
        long oldSize = knownSize;
        for (int round = 0; round < ROUNDS; round++) {
            Answer answer = client.addCheckpoint(witness, request(oldSize, checkpoint));
            if (answer instanceof WitnessClient.Cosigned cosigned) {
                keep(cosigned.body(), checkpoint);
                return;
            }
            if (answer instanceof WitnessClient.SizeMismatch mismatch) {
                Long next = followSize(mismatch.witnessSize(), oldSize, checkpoint);
                if (next == null) {
                    return;
                }
                oldSize = next;
                continue;
            }
            if (answer instanceof WitnessClient.Inconsistent inconsistent) {
                investigate("answered 422 (" + firstLine(inconsistent.body()) + ")");
                return;
            }
            failed(((WitnessClient.Failed) answer).reason());
            return;
        }
        failed("the witness's size kept changing over " + ROUNDS + " requests");
    }

    private AddCheckpointRequest request(long oldSize, LedgerLog.StoredCheckpoint checkpoint) {
        List<byte[]> proof = oldSize == 0 || oldSize == checkpoint.treeSize() ? List.of()
                : ledgerLog.consistencyProof(oldSize, checkpoint.treeSize());
        return new AddCheckpointRequest(oldSize, proof, checkpoint.note());
    }

    /**
     * Where a 409 leads: the witness's size to retry from, or {@code null} when this offer ends (the witness already
     * cosigned a later checkpoint of this log, or its size needs looking into).
     */
    private Long followSize(long witnessSize, long sentSize, LedgerLog.StoredCheckpoint checkpoint) {
        if (witnessSize == sentSize) {
            failed("answered 409 naming the very size that was sent (" + sentSize + ")");
            return null;
        }
        if (witnessSize <= checkpoint.treeSize()) {
            if (witnessSize < sentSize) {
                log.warn("Witness {} knows this log only up to size {}, below the {} it cosigned before; it may "
                        + "have lost its state", witness, witnessSize, sentSize);
            }
            knownSize = witnessSize;
            cosignatures.recordSize(witness, witnessSize, clock.instant());
            return witnessSize;
        }
        if (ledgerLog.checkpoint(witnessSize).isPresent()) {
            // another node had it cosign a newer checkpoint meanwhile
            knownSize = witnessSize;
            cosignatures.recordSize(witness, witnessSize, clock.instant());
            return null;
        }
        investigate("answered 409 with size " + witnessSize + ", which is no checkpoint of this log");
        return null;
    }

    /** Verifies the answer's cosignature lines with the witness's key and keeps the valid ones. */
    private void keep(String body, LedgerLog.StoredCheckpoint checkpoint) {
        SignedNote logNote = SignedNote.parse(checkpoint.note());
        List<SignedNote.Signature> lines;
        try {
            lines = SignedNote.parse(logNote.text() + "\n" + body).signatures();
        } catch (IllegalArgumentException e) {
            failed("answered 200 with no well-formed signature lines: " + e.getMessage());
            return;
        }
        List<Cosignatures.Cosignature> valid = new ArrayList<>();
        for (SignedNote.Signature line : lines) {
            if (!witness.key().matches(line)) {
                continue;
            }
            OptionalLong timestamp = witness.key().verify(logNote.text(), line);
            if (timestamp.isEmpty()) {
                failed("answered 200 with a cosignature by its key that does not verify");
                return;
            }
            valid.add(new Cosignatures.Cosignature(checkpoint.treeSize(), witness.name(), witness.keyId(),
                    timestamp.getAsLong(), line.toLine()));
        }
        if (valid.isEmpty()) {
            failed("answered 200 without a cosignature by its configured key " + witness.key().verifierKey());
            return;
        }
        Instant now = clock.instant();
        valid.forEach(cosignature -> cosignatures.add(cosignature, now));
        remember(checkpoint.treeSize(), null);
        failuresInARow = 0;
        nextAttempt = Instant.MIN;
        log.debug("Witness {} cosigned checkpoint {}", witness, checkpoint.treeSize());
    }

    /**
     * Reads the checkpoint the witness holds for this log and compares it with the log. Evidence of a split view
     * raises the alarm; anything else is a failure of the witness.
     */
    private void investigate(String what) {
        Optional<String> held = client.checkpoint(witness, origin);
        if (held.isEmpty()) {
            failed(what + "; it serves no checkpoint of this log to compare with");
            return;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(logKeys.apply(held.get()));
        } catch (RuntimeException notOurs) {
            failed(what + "; the checkpoint it serves does not verify with any of this log's keys: " + notOurs.getMessage());
            return;
        }
        if (!checkpoint.origin().equals(origin)) {
            failed(what + "; the checkpoint it serves is of origin " + checkpoint.origin());
            return;
        }
        long logSize = ledgerLog.size();
        String conflict = null;
        byte[] logRoot = null;
        if (checkpoint.treeSize() > logSize) {
            conflict = "the witness holds a checkpoint of size " + checkpoint.treeSize() + " signed with this log's "
                    + "key, but the log has only " + logSize + " leaves";
        } else {
            logRoot = ledgerLog.root(checkpoint.treeSize());
            if (!Arrays.equals(logRoot, checkpoint.rootHash())) {
                conflict = "the witness holds a checkpoint of size " + checkpoint.treeSize() + " signed with this "
                        + "log's key whose root differs from the log's root at that size";
            }
        }
        if (conflict == null) {
            remember(checkpoint.treeSize(), what);
            failed(what + "; the checkpoint it holds (size " + checkpoint.treeSize() + ") agrees with the log");
            return;
        }
        Instant now = clock.instant();
        if (cosignatures.addConflict(witness, checkpoint.treeSize(), held.get(), logSize, logRoot, conflict, now)) {
            log.error("Split view: witness {} {}; {}", witness, what, conflict);
            alarms.splitView(witness, checkpoint.treeSize(), conflict);
        }
        failed("split view: " + conflict);
    }

    private void remember(long cosignedSize, String error) {
        knownSize = cosignedSize;
        cosignatures.recordAttempt(witness, cosignedSize, clock.instant(), error);
    }

    private void failed(String reason) {
        failuresInARow++;
        long factor = 1L << Math.min(failuresInARow - 1, 20);
        Duration pause = minBackoff.multipliedBy(factor);
        if (pause.compareTo(maxBackoff) > 0) {
            pause = maxBackoff;
        }
        Instant now = clock.instant();
        nextAttempt = now.plus(pause);
        cosignatures.recordAttempt(witness, knownSize == null ? 0 : knownSize, now, reason);
        log.warn("Witness {} failed ({} in a row, next attempt in {} s): {}", witness, failuresInARow,
                pause.toSeconds(), reason);
    }

    private static String firstLine(String body) {
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
