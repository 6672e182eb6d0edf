package io.incidentledger.security;

import java.util.Map;

/**
 * A signed-in principal that says how it is to be named on the events it causes: a configured user, a person
 * signed in through an OpenID provider, or a machine holding an API token.
 */
public interface ActorPrincipal {

    /** The name recorded as the event's actor. */
    String actorName();

    ActorType actorType();

    /**
     * Further metadata that identifies the principal beyond its name (for example the token issuer and subject, or
     * an API token's id); keys from {@link ActorMetadata}, never a secret.
     */
    default Map<String, String> actorIdentity() {
        return Map.of();
    }
}
