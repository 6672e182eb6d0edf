package io.incidentledger.identity.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke an API token for good; {@code reason} is optional. */
public record RevokeApiToken(@TargetAggregateIdentifier ApiTokenId tokenId, String reason, Instant revokedAt) {
}
