package io.incidentledger.security.oidc;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** A request authenticated by the provider's access token; it keeps who the token names, not the token itself. */
final class BearerJwtAuthentication extends AbstractAuthenticationToken {

    private final OidcActor actor;

    BearerJwtAuthentication(OidcActor actor, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.actor = actor;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public OidcActor getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.name();
    }
}
