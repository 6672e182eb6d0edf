package io.incidentledger.identity.authentication;

import java.security.Principal;
import java.util.Map;

import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.ActorPrincipal;
import io.incidentledger.security.ActorType;

/**
 * A machine signed in with an API token: named on events by the token's name, as a service, with the token's id
 * under {@link ActorMetadata#ACTOR_TOKEN}. Its {@link #getName() name} towards Spring Security (which scopes
 * idempotency keys) is {@code api-token:<id>}, unique where token names need not be.
 */
record ApiTokenPrincipal(String tokenId, String tokenName) implements ActorPrincipal, Principal {

    @Override
    public String actorName() {
        return tokenName;
    }

    @Override
    public ActorType actorType() {
        return ActorType.SERVICE;
    }

    @Override
    public Map<String, String> actorIdentity() {
        return Map.of(ActorMetadata.ACTOR_TOKEN, tokenId);
    }

    @Override
    public String getName() {
        return "api-token:" + tokenId;
    }
}
