package io.incidentledger.ledger.anchor;

import java.util.HexFormat;
import java.util.List;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.ledger.bundle.AuditBundle;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The anchors of the log's checkpoints on an EVM chain (docs/ledger-anchoring.md), under {@code /api/ledger} with
 * the same roles as the rest of the ledger API. Served whether this node anchors or not.
 */
@Tag(name = "Ledger")
@RestController
@RequestMapping("/api/ledger")
class AnchorController {

    private static final HexFormat HEX = HexFormat.of();

    private final AnchorStore store;
    private final BundleAnchors bundleAnchors;
    private final LedgerLog ledgerLog;

    AnchorController(AnchorStore store, BundleAnchors bundleAnchors, LedgerLog ledgerLog) {
        this.store = store;
        this.bundleAnchors = bundleAnchors;
        this.ledgerLog = ledgerLog;
    }

    /** One anchor transaction as recorded. Block fields are null until a block holds it. */
    record AnchorView(long treeSize, String rootHash, long chainId, String transactionHash, String fromAddress,
                      String toAddress, long nonce, String status, int broadcasts, String sentAt, Long blockNumber,
                      String blockHash, String blockTime, String confirmedAt) {

        static AnchorView of(AnchorStore.Anchor anchor) {
            return new AnchorView(anchor.treeSize(), HEX.formatHex(anchor.rootHash()), anchor.chainId(),
                    anchor.txHash(), anchor.fromAddress(), anchor.toAddress(), anchor.nonce(), anchor.status(),
                    anchor.broadcasts(), anchor.sentAt().toString(), anchor.blockNumber(), anchor.blockHash(),
                    anchor.blockTime() == null ? null : anchor.blockTime().toString(),
                    anchor.confirmedAt() == null ? null : anchor.confirmedAt().toString());
        }
    }

    @Operation(summary = "List the anchor transactions, newest first",
            description = "Every transaction the anchorer sent: SENT, CONFIRMED, REPLACED, DROPPED or FAILED.")
    @ApiResponse(responseCode = "200", description = "the anchors, newest first (empty when the log never anchored)")
    @ApiResponse(responseCode = "422", description = "invalid-limit: limit is not between 1 and 1000",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping(path = "/anchors", produces = MediaType.APPLICATION_JSON_VALUE)
    List<AnchorView> anchors(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw CommandRefusedException.invalid("invalid-limit", "limit must be between 1 and 1000, not " + limit);
        }
        return store.all(limit).stream().map(AnchorView::of).toList();
    }

    @Operation(summary = "Read the newest confirmed anchor of the latest checkpoint or an earlier one",
            description = "With the consistency proof from the anchored tree to the latest signed checkpoint's, in the "
            + "form an audit bundle's anchors take.")
    @ApiResponse(responseCode = "200", description = "the anchor")
    @ApiResponse(responseCode = "404", description = "no-checkpoint or no-anchor: nothing signed or anchored yet",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping(path = "/checkpoint/anchor", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditBundle.ChainAnchor checkpointAnchor() {
        long treeSize = ledgerLog.latestCheckpoint().orElseThrow(() -> new NotFoundException("no-checkpoint",
                "the log has no signed checkpoint yet")).treeSize();
        List<AuditBundle.ChainAnchor> anchors = bundleAnchors.forBundle(treeSize, treeSize);
        if (anchors == null) {
            throw new NotFoundException("no-anchor", "no checkpoint of the log is anchored on a chain yet");
        }
        return anchors.get(anchors.size() - 1);
    }
}
