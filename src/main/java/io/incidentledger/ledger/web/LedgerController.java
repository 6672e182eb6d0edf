package io.incidentledger.ledger.web;

import static io.incidentledger.ledger.web.LedgerViews.hex;

import java.nio.charset.StandardCharsets;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.CheckpointSigner;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.MerkleHashes;
import io.incidentledger.ledger.verify.LedgerVerification;
import io.incidentledger.ledger.web.LedgerViews.ConsistencyProofView;
import io.incidentledger.ledger.web.LedgerViews.InclusionProofView;
import io.incidentledger.ledger.web.LedgerViews.VerificationView;
import io.incidentledger.ledger.witness.Cosignatures;
import io.incidentledger.web.IncidentPaths;
import io.incidentledger.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only ledger API: the signed checkpoint and the key that verifies it, RFC 9162 inclusion and consistency
 * proofs with hex hashes, and on-demand verification. Everything a client needs to check the log without trusting
 * the service (docs/api.md, "The ledger").
 */
@Tag(name = "Ledger",
        description = "The signed, append-only log of every event, and the proofs to check it without trusting the "
        + "service")
@RestController
@RequestMapping("/api/ledger")
class LedgerController {

    static final MediaType TEXT_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final LedgerLog ledgerLog;
    private final StoredEvents storedEvents;
    private final LedgerVerification verification;
    private final CheckpointSigner checkpointSigner;
    private final Cosignatures cosignatures;

    LedgerController(LedgerLog ledgerLog, StoredEvents storedEvents, LedgerVerification verification,
                     CheckpointSigner checkpointSigner, Cosignatures cosignatures) {
        this.ledgerLog = ledgerLog;
        this.storedEvents = storedEvents;
        this.verification = verification;
        this.checkpointSigner = checkpointSigner;
        this.cosignatures = cosignatures;
    }

    /**
     * The newest signed checkpoint, or the one of the given size, exactly as it was signed and stored, followed by
     * every witness cosignature the log holds for it.
     */
    @Operation(summary = "Read the latest signed checkpoint, or one of a given size",
            description = "Exactly as it was signed and stored (a signed note), with a line for every witness "
                    + "cosignature (C2SP tlog-cosignature) the log holds for it.")
    @ApiResponse(responseCode = "200", description = "the checkpoint",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "no-checkpoint: the log has no signed checkpoint (of that size)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/checkpoint")
    ResponseEntity<String> checkpoint(@RequestParam(required = false) Long treeSize) {
        LedgerLog.StoredCheckpoint checkpoint = treeSize == null
                ? ledgerLog.latestCheckpoint().orElseThrow(LedgerController::noCheckpoint)
                : ledgerLog.checkpoint(treeSize).orElseThrow(() -> new NotFoundException("no-checkpoint",
                        "the log has no signed checkpoint of tree size " + treeSize));
        return ResponseEntity.ok().contentType(TEXT_UTF8).body(cosignatures.cosignedNote(checkpoint));
    }

    /** The C2SP note verifier key of the log's signing key, exactly, without a final newline. */
    @Operation(summary = "Read the key that verifies checkpoints")
    @ApiResponse(responseCode = "200", description = "the verifier key",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @GetMapping("/public-key")
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(TEXT_UTF8).body(checkpointSigner.verifierKey());
    }

    @Operation(summary = "Prove that an event is in the log",
            description = "An RFC 9162 inclusion proof of the event in the tree of the given size (default: the "
            + "latest checkpoint's).")
    @ApiResponse(responseCode = "200", description = "the inclusion proof")
    @ApiResponse(responseCode = "404", description = "event-not-found, event-not-in-log (stored, not yet admitted), "
            + "event-not-in-checkpoint, or no-checkpoint: the log has no signed checkpoint yet",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping(path = "/proofs/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    InclusionProofView inclusionProof(@RequestParam String eventId, @RequestParam(required = false) Long treeSize) {
        if (treeSize != null && treeSize < 1) {
            throw invalidTreeSize("treeSize must be at least 1, not " + treeSize);
        }
        LedgerLog.Leaf leaf = ledgerLog.leafOfEvent(eventId).orElseThrow(() -> storedEvents.byIdentifier(eventId)
                .<RuntimeException>map(event -> new NotFoundException("event-not-in-log",
                        "event " + eventId + " is stored but not yet admitted into the log; retry shortly"))
                .orElseGet(() -> new NotFoundException("event-not-found", "no event " + eventId)));
        long size;
        if (treeSize == null) {
            size = ledgerLog.latestCheckpoint().orElseThrow(LedgerController::noCheckpoint).treeSize();
            if (leaf.leafIndex() >= size) {
                throw new NotFoundException("event-not-in-checkpoint", "event " + eventId + " is leaf "
                        + leaf.leafIndex() + ", not yet covered by the newest signed checkpoint (size " + size
                        + "); retry shortly");
            }
        } else {
            size = treeSize;
            long logSize = ledgerLog.size();
            if (size > logSize) {
                throw invalidTreeSize("treeSize " + size + " is larger than the log (" + logSize + " leaves)");
            }
            if (size <= leaf.leafIndex()) {
                throw invalidTreeSize("event " + eventId + " is leaf " + leaf.leafIndex()
                        + ", which a tree of " + size + " leaves does not contain");
            }
        }
        return new InclusionProofView(leaf.eventIdentifier(), leaf.aggregateIdentifier(), leaf.sequenceNumber(),
                leaf.leafIndex(), size, hex(leaf.entryHash()), hex(MerkleHashes.leafHash(leaf.entryHash())),
                hex(ledgerLog.root(size)), hex(ledgerLog.inclusionProof(leaf.leafIndex(), size)), note(size));
    }

    @Operation(summary = "Prove that the log only grew",
            description = "An RFC 9162 consistency proof between two tree sizes.")
    @ApiResponse(responseCode = "200", description = "the consistency proof")
    @ApiResponse(responseCode = "404", description = "no-checkpoint: the log has no signed checkpoint yet",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping(path = "/proofs/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    ConsistencyProofView consistencyProof(@RequestParam long from, @RequestParam(required = false) Long to) {
        if (from < 1) {
            throw invalidTreeSize("from must be at least 1, not " + from);
        }
        long toSize = to != null ? to
                : ledgerLog.latestCheckpoint().orElseThrow(LedgerController::noCheckpoint).treeSize();
        if (from > toSize) {
            throw invalidTreeSize("from (" + from + ") must not be larger than to (" + toSize + ")");
        }
        long logSize = ledgerLog.size();
        if (toSize > logSize) {
            throw invalidTreeSize("to " + toSize + " is larger than the log (" + logSize + " leaves)");
        }
        return new ConsistencyProofView(from, toSize, hex(ledgerLog.root(from)), hex(ledgerLog.root(toSize)),
                hex(ledgerLog.consistencyProof(from, toSize)), note(from), note(toSize));
    }

    /** Verifies the whole store, or one incident's events against the log and the newest signed checkpoint. */
    @Operation(summary = "Verify the store",
            description = "Recomputes the hash chains and the log, of one incident or of all.")
    @ApiResponse(responseCode = "200", description = "the verification's findings; none when the store is intact")
    @ApiResponse(responseCode = "404", description = "incident-not-found: no incident incidentId",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping(path = "/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    VerificationView verification(@RequestParam(required = false) String incidentId) {
        if (incidentId == null) {
            return VerificationView.of(verification.verifyStore());
        }
        String aggregate = IncidentPaths.incidentId(incidentId).value();
        LedgerVerification.Report report = verification.verifyAggregate(aggregate);
        // no event and no leaf (which would show as a finding) means there is no such incident
        if (report.eventsChecked() == 0 && report.findings().isEmpty()) {
            throw IncidentPaths.notFound(incidentId);
        }
        return VerificationView.of(report);
    }

    private String note(long treeSize) {
        return ledgerLog.checkpoint(treeSize).map(cosignatures::cosignedNote).orElse(null);
    }

    private static NotFoundException noCheckpoint() {
        return new NotFoundException("no-checkpoint", "the log has no signed checkpoint yet");
    }

    private static CommandRefusedException invalidTreeSize(String message) {
        return CommandRefusedException.invalid("invalid-tree-size", message);
    }
}
