package io.incidentledger.detection.ingest.transactions;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of {@code POST /api/transactions}.
 *
 * @param maxBatchSize the most transactions one request may carry (more is answered 413 {@code batch-too-large});
 *                     the request body is also limited by {@code incident-ledger.api.max-request-bytes}
 */
@ConfigurationProperties("incident-ledger.detection.transactions")
public record TransactionIngestProperties(Integer maxBatchSize) {

    public static final int DEFAULT_MAX_BATCH_SIZE = 10_000;

    public TransactionIngestProperties {
        if (maxBatchSize == null) {
            maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        } else if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("incident-ledger.detection.transactions.max-batch-size must be positive");
        }
    }
}
