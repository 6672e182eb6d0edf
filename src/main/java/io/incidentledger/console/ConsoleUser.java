package io.incidentledger.console;

import java.util.List;

import io.incidentledger.security.ActorPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The signed-in person as the console's pages see them: their name as events record it, their roles, and what the
 * security rules let them open or send. The pages ask {@link #may} before they show an action, so a person sees the
 * actions their role allows and no other; the rules asked are the very ones that guard the API
 * ({@code SecurityConfiguration}), so the console cannot drift from them.
 */
public final class ConsoleUser {

    private static final String ROLE_PREFIX = "ROLE_";

    private final Authentication authentication;
    private final SecurityRules rules;
    private final HttpServletRequest request;

    ConsoleUser(Authentication authentication, SecurityRules rules, HttpServletRequest request) {
        this.authentication = authentication;
        this.rules = rules;
        this.request = request;
    }

    /** The name the events record as the actor, and the one incidents assign people by. */
    public String getName() {
        return authentication.getPrincipal() instanceof ActorPrincipal actor
                ? actor.actorName() : authentication.getName();
    }

    public List<String> getRoles() {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .sorted().toList();
    }

    public boolean hasRole(String role) {
        return getRoles().contains(role);
    }

    /** Whether the rules let this person {@code GET} the page. */
    public boolean mayOpen(String path) {
        return may("GET", path);
    }

    /** Whether the rules let this person send {@code method} to {@code path}, e.g. an action of the API. */
    public boolean may(String method, String path) {
        return rules.allows(authentication, method, path, request);
    }
}
