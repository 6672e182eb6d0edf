package io.incidentledger.common;

import java.util.List;

/**
 * Metadata of the request that caused a message, copied from the command onto the events it causes: the client's
 * {@code Idempotency-Key} and the SHA-256 of the request, which tell a retried request from a reused key.
 */
public final class RequestMetadata {

    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String REQUEST_DIGEST = "requestDigest";
    public static final List<String> KEYS = List.of(IDEMPOTENCY_KEY, REQUEST_DIGEST);

    private RequestMetadata() {
    }
}
