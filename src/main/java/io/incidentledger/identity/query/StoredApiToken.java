package io.incidentledger.identity.query;

import java.time.Instant;

import io.incidentledger.identity.api.TokenRole;

/**
 * A token as the sign-in check needs it, with the keyed hash of its secret; never shown by the API.
 *
 * @param expiresAt null when it does not expire
 */
public record StoredApiToken(String id, String name, TokenRole role, Instant expiresAt, String secretHash,
                             String hashKeyId, boolean revoked) {
}
