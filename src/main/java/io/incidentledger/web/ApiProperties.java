package io.incidentledger.web;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP API.
 *
 * @param maxRequestBytes      the largest request body
 * @param maxBatchRequestBytes the largest body of a transaction batch ({@code POST /api/transactions}); when absent,
 *                             {@code maxRequestBytes}
 */
@Validated
@ConfigurationProperties("incident-ledger.api")
public record ApiProperties(@Positive long maxRequestBytes, @Positive Long maxBatchRequestBytes) {

    /** The body limit for a request to this path. */
    public long limitFor(String path) {
        return "/api/transactions".equals(path) && maxBatchRequestBytes != null ? maxBatchRequestBytes
                : maxRequestBytes;
    }
}
