package io.incidentledger.identity.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * An API token was created for one role. Who created it is the event's actor. Holds the keyed hash of the secret
 * and the id of the key that made it, never the secret.
 *
 * @param expiresAt null when the token does not expire
 */
@Revision("1")
public record ApiTokenCreated(ApiTokenId tokenId,
                              String name,
                              TokenRole role,
                              Instant expiresAt,
                              String secretHash,
                              String hashKeyId,
                              Instant createdAt) {
}
