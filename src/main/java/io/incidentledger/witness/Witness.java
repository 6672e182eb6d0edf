package io.incidentledger.witness;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.ledger.log.AddCheckpointRequest;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.CosignerKey;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.log.NoteVerifier;
import io.incidentledger.ledger.log.ProofVerifier;
import io.incidentledger.ledger.log.SignedNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The witness's checks, in the order of c2sp.org/tlog-witness, "add-checkpoint": a well-formed body (400), a known
 * origin (404), a verified log signature (403), the old size equal to the stored one (409), and consistency with the
 * stored checkpoint (422); only then a cosignature, stored before it is returned.
 *
 * <p>The size check, the consistency check and the update run in one transaction holding the log's row lock, so
 * that the stored size only ever grows. A checkpoint the log signed that fails the consistency check is kept as
 * evidence with the stored one: the two are signed, conflicting views of the log.
 */
class Witness {

    private static final Logger LOG = LoggerFactory.getLogger(Witness.class);

    private final CosignerKey key;
    private final Map<String, TrustedLog> logs;
    private final WitnessStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Witness(CosignerKey key, List<TrustedLog> logs, WitnessStore store, TransactionTemplate transactions,
            Clock clock) {
        this.key = key;
        this.logs = logs.stream().collect(Collectors.toUnmodifiableMap(TrustedLog::origin, Function.identity()));
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        logs.forEach(log -> store.ensureLog(log.origin()));
    }

    /** The witness's cosigner verifier key, to publish. */
    String verifierKey() {
        return key.verifierKey();
    }

    /** Checks and, if every check passes, cosigns and stores a submitted checkpoint. */
    AddCheckpointOutcome addCheckpoint(byte[] body) {
        AddCheckpointRequest request;
        try {
            request = AddCheckpointRequest.parse(body);
        } catch (IllegalArgumentException e) {
            return new AddCheckpointOutcome.Malformed(e.getMessage());
        }
        SignedNote note = request.note();
        Checkpoint checkpoint = request.checkpoint();
        TrustedLog log = logs.get(checkpoint.origin());
        if (log == null) {
            return new AddCheckpointOutcome.UnknownLog(checkpoint.origin());
        }
        List<SignedNote.Signature> logSignatures;
        try {
            logSignatures = log.verifiedSignatures(note);
        } catch (NoteVerifier.NoteVerificationException e) {
            LOG.warn("Refused a checkpoint of {}: {}", log.origin(), e.getMessage());
            return new AddCheckpointOutcome.NotTrusted(e.getMessage());
        }
        if (logSignatures.isEmpty()) {
            return new AddCheckpointOutcome.NotTrusted("the checkpoint carries no signature by a key this witness "
                    + "trusts for " + log.origin());
        }
        return transactions.execute(status -> checkAndCosign(request, note, checkpoint, logSignatures));
    }

    /** The checkpoint the monitoring endpoint serves for the origin hash, if the witness cosigned one. */
    Optional<String> servedCheckpoint(String originHash) {
        return logs.values().stream().filter(log -> log.originHash().equals(originHash)).findFirst()
                .flatMap(log -> store.latest(log.origin())).map(StoredCheckpoint::servedNote);
    }

    /** Every refused checkpoint kept as evidence. */
    List<Evidence> evidence() {
        return store.evidence();
    }

    private AddCheckpointOutcome checkAndCosign(AddCheckpointRequest request, SignedNote note, Checkpoint checkpoint,
            List<SignedNote.Signature> logSignatures) {
        String origin = checkpoint.origin();
        Optional<StoredCheckpoint> stored = store.lockLatest(origin);
        long storedSize = stored.map(StoredCheckpoint::treeSize).orElse(0L);
        if (request.oldSize() != storedSize) {
            return new AddCheckpointOutcome.SizeMismatch(storedSize);
        }
        Instant now = clock.instant();
        Optional<String> split = splitView(request, checkpoint, stored);
        if (split.isPresent()) {
            store.recordEvidence(origin, now, split.get(), request.oldSize(), stored, checkpoint.treeSize(),
                    checkpoint.rootHashBase64(), request.checkpointNote(), request.consistencyProof());
            LOG.warn("Evidence of a split view of {}: {} (kept with the stored checkpoint of size {})", origin,
                    split.get(), storedSize);
            return new AddCheckpointOutcome.Inconsistent(split.get());
        }
        if (request.oldSize() == 0 && !request.consistencyProof().isEmpty()) {
            return new AddCheckpointOutcome.Inconsistent("the consistency proof must be empty when the old size is 0");
        }
        if (request.oldSize() == checkpoint.treeSize() && !request.consistencyProof().isEmpty()) {
            return new AddCheckpointOutcome.Inconsistent("the consistency proof between two trees of the same size "
                    + "is empty");
        }
        SignedNote.Signature cosignature = key.cosign(note.text(), now.getEpochSecond());
        List<SignedNote.Signature> served = new ArrayList<>(logSignatures);
        served.add(cosignature);
        StoredCheckpoint next = new StoredCheckpoint(origin, checkpoint.treeSize(), checkpoint.rootHash(),
                request.checkpointNote(), new SignedNote(note.text(), served).format(), now);
        if (!store.update(next, stored.map(StoredCheckpoint::treeSize).orElse(null))) {
            throw new IllegalStateException("the stored checkpoint of " + origin + " changed under its row lock");
        }
        return new AddCheckpointOutcome.Cosigned(checkpoint.treeSize(), cosignature.toLine() + "\n");
    }

    /**
     * Why a checkpoint signed by the log cannot extend what the witness cosigned, if it cannot: the two signed
     * checkpoints then show two views of the log.
     */
    private static Optional<String> splitView(AddCheckpointRequest request, Checkpoint checkpoint,
            Optional<StoredCheckpoint> stored) {
        byte[] root = checkpoint.rootHash();
        if (checkpoint.treeSize() == 0) {
            return MessageDigest.isEqual(root, MerkleHashes.emptyRoot()) ? Optional.empty()
                    : Optional.of("a checkpoint of size 0 must have the root hash of the empty tree");
        }
        if (request.oldSize() == 0 || stored.isEmpty()) {
            return Optional.empty();
        }
        byte[] storedRoot = stored.get().rootHash();
        if (request.oldSize() == checkpoint.treeSize()) {
            return MessageDigest.isEqual(root, storedRoot) ? Optional.empty()
                    : Optional.of("the checkpoint has the size of the cosigned one (" + checkpoint.treeSize()
                            + ") but another root hash");
        }
        return ProofVerifier.verifyConsistency(request.oldSize(), checkpoint.treeSize(), storedRoot, root,
                request.consistencyProof()) ? Optional.empty()
                : Optional.of("the consistency proof from size " + request.oldSize() + " to "
                        + checkpoint.treeSize() + " does not verify");
    }
}
