package io.incidentledger.identity.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create an API token. Carries the keyed hash of the secret, never the secret.
 *
 * @param expiresAt  null for a token that does not expire
 * @param secretHash HMAC-SHA-256 of the secret under the deployment's hash key, as 64 hexadecimal digits
 * @param hashKeyId  which hash key made {@code secretHash}
 * @param createdAt  when the administrator asked for it
 */
public record CreateApiToken(@TargetAggregateIdentifier ApiTokenId tokenId,
                             String name,
                             TokenRole role,
                             Instant expiresAt,
                             String secretHash,
                             String hashKeyId,
                             Instant createdAt) {

    /** The longest name a token may have. */
    public static final int NAME_LENGTH = 100;
}
