package io.incidentledger.security.oidc;

import java.util.Collection;
import java.util.Map;

import io.incidentledger.security.ActorPrincipal;
import io.incidentledger.security.ActorType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** A person signed in in the browser through the OpenID provider, named on events as {@link OidcActor} says. */
final class SignedInPerson extends DefaultOidcUser implements ActorPrincipal {

    private final OidcActor actor;

    SignedInPerson(OidcActor actor, Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
                   OidcUserInfo userInfo) {
        super(authorities, idToken, userInfo, "sub");
        this.actor = actor;
    }

    @Override
    public String getName() {
        return actor.name();
    }

    @Override
    public String actorName() {
        return actor.actorName();
    }

    @Override
    public ActorType actorType() {
        return actor.actorType();
    }

    @Override
    public Map<String, String> actorIdentity() {
        return actor.actorIdentity();
    }
}
