package io.incidentledger.identity.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** An API token was revoked and is refused from now on. Who revoked it is the event's actor. */
@Revision("1")
public record ApiTokenRevoked(ApiTokenId tokenId, Instant revokedAt, String reason) {
}
