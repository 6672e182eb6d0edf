package io.incidentledger.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * A bearer token of a kind that one endpoint alone accepts, checked by the feature that owns the endpoint: a Forta
 * scan node's own JWT on the Forta batch endpoint. The bearer filter asks it before API tokens and the OpenID
 * provider, and only for requests it {@link #recognises recognises}; everywhere else the token means nothing.
 */
public interface EndpointBearerAuthenticator {

    /** Whether the request and the bearer value are this authenticator's to check (the token need not be valid). */
    boolean recognises(HttpServletRequest request, String bearerToken);

    /**
     * The authenticated machine, whose principal is an {@link ActorPrincipal} and whose authorities are its role.
     *
     * @throws AuthenticationException when the token is not valid
     */
    Authentication authenticate(String bearerToken);
}
