package io.incidentledger.security;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A part of the service that acts on its own, not for a request (a Kafka consumer, a chain follower), as the actor of
 * what it causes: a service with one role, recorded on every event its commands cause, like a machine calling the API.
 *
 * @param actorName the name events record, e.g. {@code kafka:<topic>}
 * @param role      its role, one of {@link Roles}
 */
public record ServiceActor(String actorName, String role) implements ActorPrincipal {

    @Override
    public ActorType actorType() {
        return ActorType.SERVICE;
    }

    /** Runs {@code work} with this actor as the thread's principal, which every command it sends then names. */
    public <T> T run(Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication());
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private Authentication authentication() {
        return UsernamePasswordAuthenticationToken.authenticated(this, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role)));
    }

    @Override
    public String toString() {
        return actorName;
    }
}
