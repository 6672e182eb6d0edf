package io.incidentledger.ledger.web;

import static io.incidentledger.ledger.web.LedgerController.TEXT_UTF8;

import java.time.Instant;
import java.util.List;

import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.witness.ConfiguredWitness;
import io.incidentledger.ledger.witness.Cosignatures;
import io.incidentledger.ledger.witness.WitnessPolicy;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * What the witnesses say about the log: the newest checkpoint a quorum of them cosigned, and each witness's state,
 * with the evidence of any split view (docs/ledger-witnessing.md).
 */
@Tag(name = "Ledger")
@RestController
@RequestMapping("/api/ledger")
class WitnessController {

    private final LedgerLog ledgerLog;
    private final Cosignatures cosignatures;
    private final WitnessPolicy policy;

    WitnessController(LedgerLog ledgerLog, Cosignatures cosignatures, WitnessPolicy policy) {
        this.ledgerLog = ledgerLog;
        this.cosignatures = cosignatures;
        this.policy = policy;
    }

    /** The newest checkpoint that a quorum of the configured witnesses cosigned, with every cosignature. */
    @Operation(summary = "Read the newest checkpoint a quorum of witnesses cosigned",
            description = "The signed note with every witness cosignature line the log holds for it.")
    @ApiResponse(responseCode = "200", description = "the checkpoint",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "no-witnessed-checkpoint: no quorum is configured, or no "
            + "checkpoint has reached it yet",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping(path = "/witnessed-checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> witnessedCheckpoint() {
        if (policy.quorum() == 0) {
            throw new NotFoundException("no-witnessed-checkpoint", "no witness quorum is configured for this log");
        }
        LedgerLog.StoredCheckpoint checkpoint = cosignatures
                .newestWitnessed(0, policy.quorum(), policy.witnesses())
                .flatMap(ledgerLog::checkpoint)
                .orElseThrow(() -> new NotFoundException("no-witnessed-checkpoint", "no checkpoint has been "
                        + "cosigned by " + policy.quorum() + " of the " + policy.witnesses().size()
                        + " witnesses yet"));
        return ResponseEntity.ok().contentType(TEXT_UTF8).body(cosignatures.cosignedNote(checkpoint));
    }

    /** The witness policy, each witness's state and any split view found. */
    @Operation(summary = "Read the witnesses' state",
            description = "The quorum, each configured witness with the newest size it cosigned and its last error, "
                    + "the newest checkpoint and the newest witnessed one, and the evidence of any split view.")
    @ApiResponse(responseCode = "200", description = "the witnesses' state")
    @GetMapping(path = "/witnesses", produces = MediaType.APPLICATION_JSON_VALUE)
    WitnessesView witnesses() {
        Long newest = ledgerLog.latestCheckpoint().map(LedgerLog.StoredCheckpoint::treeSize).orElse(null);
        Long witnessed = cosignatures.newestWitnessed(0, policy.quorum(), policy.witnesses()).orElse(null);
        List<WitnessView> witnesses = policy.witnesses().stream().map(this::witness).toList();
        List<ConflictView> conflicts = cosignatures.conflicts().stream()
                .map(conflict -> new ConflictView(conflict.witnessName(), conflict.witnessSize(),
                        conflict.witnessNote(), conflict.logSize(), conflict.detail(), conflict.foundAt()))
                .toList();
        return new WitnessesView(policy.quorum(), newest, witnessed, witnesses, conflicts);
    }

    private WitnessView witness(ConfiguredWitness witness) {
        return cosignatures.state(witness)
                .map(state -> new WitnessView(witness.name(), witness.key().verifierKey(), witness.url().toString(),
                        state.cosignedSize(), state.lastAttemptAt(), state.lastSuccessAt(), state.lastError()))
                .orElseGet(() -> new WitnessView(witness.name(), witness.key().verifierKey(),
                        witness.url().toString(), 0, null, null, null));
    }

    /**
     * @param quorum                   how many witnesses must cosign a checkpoint; 0 when none is required
     * @param newestCheckpointSize     the newest signed checkpoint's tree size, null when there is none
     * @param newestWitnessedSize      the newest checkpoint with its quorum, null when there is none
     */
    record WitnessesView(int quorum, Long newestCheckpointSize, Long newestWitnessedSize,
                         List<WitnessView> witnesses, List<ConflictView> splitViews) {
    }

    /**
     * @param cosignedSize the newest checkpoint size the witness is known to have cosigned for this log
     * @param lastError    why the last request failed, null when it succeeded
     */
    record WitnessView(String name, String verifierKey, String url, long cosignedSize, Instant lastAttemptAt,
                       Instant lastSuccessAt, String lastError) {
    }

    /** A checkpoint signed with the log's key, held by a witness, that the log's history does not extend. */
    record ConflictView(String witness, long witnessTreeSize, String witnessCheckpoint, long logSize, String detail,
                        Instant foundAt) {
    }
}
