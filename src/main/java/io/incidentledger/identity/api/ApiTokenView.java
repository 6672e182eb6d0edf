package io.incidentledger.identity.api;

import java.time.Instant;

/**
 * An API token as the API shows it: never its secret nor the secret's hash.
 *
 * @param expiresAt null when it does not expire
 * @param revokedAt null, like {@code revokedBy} and {@code revocationReason}, while it is not revoked
 */
public record ApiTokenView(String id,
                           String name,
                           TokenRole role,
                           ApiTokenState state,
                           Instant expiresAt,
                           Instant createdAt,
                           String createdBy,
                           Instant revokedAt,
                           String revokedBy,
                           String revocationReason) {
}
