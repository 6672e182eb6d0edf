package io.incidentledger.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks the product's own API tokens, sent as {@code Authorization: Bearer …}. The bearer filter hands it every
 * token it {@link #recognises recognises}; any other bearer token is taken to be a JWT from the OpenID provider.
 */
public interface ApiTokenAuthenticator {

    /** Whether the bearer value has the form of one of our API tokens (it need not be a valid one). */
    boolean recognises(String bearerToken);

    /**
     * The authenticated machine, whose principal is an {@link ActorPrincipal} and whose authorities are its role.
     *
     * @throws AuthenticationException when the token is unknown, revoked, expired or malformed
     */
    Authentication authenticate(String bearerToken);
}
