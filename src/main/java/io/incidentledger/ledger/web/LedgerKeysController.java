package io.incidentledger.ledger.web;

import java.time.Instant;
import java.util.List;

import io.incidentledger.ledger.keys.LedgerKeyRotation;
import io.incidentledger.ledger.log.KeySchedule;
import io.incidentledger.ledger.log.LedgerKeyring;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The log's signing keys (docs/ledger-keys.md): every key, current and retired, with the tree sizes it signs, for
 * verifiers that check old checkpoints; and the administrator's rotation to a new key.
 */
@Tag(name = "Ledger")
@RestController
@RequestMapping(path = "/api/ledger/keys", produces = MediaType.APPLICATION_JSON_VALUE)
class LedgerKeysController {

    private final LedgerKeyring keyring;
    private final LedgerKeyRotation rotation;
    private final JdbcTemplate jdbc;

    LedgerKeysController(LedgerKeyring keyring, LedgerKeyRotation rotation, JdbcTemplate jdbc) {
        this.keyring = keyring;
        this.rotation = rotation;
        this.jdbc = jdbc;
    }

    /**
     * One of the log's keys.
     *
     * @param firstTreeSize the smallest tree size it signs
     * @param lastTreeSize  the largest, or null while it is the current key
     * @param since         when a rotation made it current (null for the log's first key)
     * @param retiredAt     when a rotation retired it (null while current)
     * @param retiredFor    the reason that rotation gave
     */
    record LedgerKeyView(String verifierKey, String keyId, boolean current, long firstTreeSize, Long lastTreeSize,
                   Instant since, Instant retiredAt, String retiredFor) {
    }

    /** @param reason why the key is rotated, recorded in the ledger (1 to 1000 characters) */
    record LedgerKeyRotationRequest(String reason) {
    }

    /** @param treeSize the last tree size the old key signed; the new key signs every later checkpoint */
    record LedgerKeyRotationView(String oldVerifierKey, String newVerifierKey, long treeSize, Instant rotatedAt) {
    }

    @Operation(summary = "List the log's signing keys",
            description = "Every key, current and retired, with the tree sizes whose checkpoints it signs: a "
                    + "checkpoint verifies only with the key for its tree size.")
    @GetMapping
    List<LedgerKeyView> keys() {
        KeySchedule schedule = keyring.schedule(jdbc);
        String current = schedule.current();
        return schedule.periods().stream().map(period -> new LedgerKeyView(period.verifierKey(),
                KeySchedule.keyId(period.verifierKey()), period.verifierKey().equals(current), period.firstTreeSize(),
                period.lastTreeSize(), period.since() == null ? null : period.since().rotatedAt(),
                period.retiredBy() == null ? null : period.retiredBy().rotatedAt(),
                period.retiredBy() == null ? null : period.retiredBy().reason())).toList();
    }

    @Operation(summary = "Rotate the log's signing key (ADMIN)",
            description = "Generates a new key next to the current one, signs a last checkpoint with the current key "
                    + "and records the rotation in the ledger; every later checkpoint is signed with the new key.")
    @ApiResponse(responseCode = "200", description = "the key is rotated")
    @ApiResponse(responseCode = "422", description = "invalid-reason: no reason, or a reason too long",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "409", description = "ledger-key-changed: another rotation came first; "
            + "ledger-key-unavailable: the current key cannot sign on this node",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping(path = "/rotate", consumes = MediaType.APPLICATION_JSON_VALUE)
    LedgerKeyRotationView rotate(@RequestBody(required = false) LedgerKeyRotationRequest request) {
        LedgerKeyRotation.Rotated rotated = rotation.rotate(request == null ? null : request.reason());
        return new LedgerKeyRotationView(rotated.oldVerifierKey(), rotated.newVerifierKey(), rotated.treeSize(),
                rotated.rotatedAt());
    }
}
