package io.incidentledger.ledger.web;

import io.incidentledger.ledger.bundle.AuditBundle;
import io.incidentledger.ledger.bundle.AuditBundleExporter;
import io.incidentledger.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit bundle of an incident (docs/ledger-format.md, "Audit bundle"): everything a regulator needs to verify the
 * incident's history offline with {@code io.incidentledger.ledger.offline.OfflineVerifier}.
 */
@Tag(name = "Ledger")
@RestController
public class AuditBundleController {

    private final AuditBundleExporter exporter;

    public AuditBundleController(AuditBundleExporter exporter) {
        this.exporter = exporter;
    }

    /**
     * @param consistencyFrom optionally, the tree size of a checkpoint the caller already holds: the bundle then also
     *                        carries the consistency proof from it to the bundle's checkpoint
     */
    @Operation(summary = "Export an incident's audit bundle",
            description = "The incident's events with inclusion proofs and the signed checkpoint, for verification "
            + "offline.")
    @GetMapping(path = "/api/incidents/{id}/audit-bundle", produces = MediaType.APPLICATION_JSON_VALUE)
    public AuditBundle auditBundle(@PathVariable String id,
                                   @RequestParam(required = false) Long consistencyFrom) {
        try {
            return exporter.export(id, consistencyFrom)
                    .orElseThrow(() -> new NotFoundException("incident-not-found", "no incident " + id));
        } catch (AuditBundleExporter.InvalidConsistencySizeException invalid) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, invalid.getMessage());
        }
    }
}
