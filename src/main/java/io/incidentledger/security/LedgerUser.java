package io.incidentledger.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A configured principal, which knows whether it is a person or a service. */
public class LedgerUser extends User implements ActorPrincipal {

    private final ActorType actorType;

    public LedgerUser(String username, String passwordHash, Collection<? extends GrantedAuthority> authorities,
                      ActorType actorType) {
        super(username, passwordHash, authorities);
        this.actorType = actorType;
    }

    @Override
    public String actorName() {
        return getUsername();
    }

    @Override
    public ActorType actorType() {
        return actorType;
    }
}
