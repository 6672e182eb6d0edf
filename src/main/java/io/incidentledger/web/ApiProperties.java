package io.incidentledger.web;

import java.util.Set;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP API.
 *
 * @param maxRequestBytes      the largest request body
 * @param maxBatchRequestBytes the largest body of a batch (transactions, {@code POST /api/transactions}; a Forta scan
 *                             node's webhook batch, {@code POST /api/detections/forta/batch}); when absent,
 *                             {@code maxRequestBytes}
 */
@Validated
@ConfigurationProperties("incident-ledger.api")
public record ApiProperties(@Positive long maxRequestBytes, @Positive Long maxBatchRequestBytes) {

    private static final Set<String> BATCHES = Set.of("/api/transactions", "/api/detections/forta/batch");

    /** The body limit for a request to this path. */
    public long limitFor(String path) {
        return BATCHES.contains(path) && maxBatchRequestBytes != null ? maxBatchRequestBytes
                : maxRequestBytes;
    }
}
