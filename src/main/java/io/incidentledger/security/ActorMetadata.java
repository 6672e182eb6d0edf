package io.incidentledger.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who caused a message, as recorded in the metadata of every command and of every event that command causes:
 * the principal's name, whether it is a person or a service, and its roles; for a person signed in through an
 * OpenID provider also the issuer and subject, and for a machine holding an API token the token's id.
 */
public final class ActorMetadata {

    public static final String ACTOR = "actor";
    public static final String ACTOR_TYPE = "actorType";
    public static final String ACTOR_ROLES = "actorRoles";
    /** For a person signed in through an OpenID provider: the token's issuer and subject. */
    public static final String ACTOR_ISSUER = "actorIssuer";
    public static final String ACTOR_SUBJECT = "actorSubject";
    /** For a machine holding an API token: the token's id (never its secret). */
    public static final String ACTOR_TOKEN = "actorToken";
    public static final List<String> KEYS = List.of(ACTOR, ACTOR_TYPE, ACTOR_ROLES, ACTOR_ISSUER, ACTOR_SUBJECT,
            ACTOR_TOKEN);

    private static final String ROLE_PREFIX = "ROLE_";

    private ActorMetadata() {
    }

    /** The metadata naming the authenticated principal: roles are sorted and comma separated. */
    public static MetaData of(Authentication authentication) {
        ActorPrincipal principal = authentication.getPrincipal() instanceof ActorPrincipal actor ? actor : null;
        ActorType type = principal != null ? principal.actorType() : ActorType.USER;
        String name = principal != null ? principal.actorName() : authentication.getName();
        String roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .sorted()
                .collect(Collectors.joining(","));
        Map<String, Object> metaData = new HashMap<>();
        if (principal != null) {
            metaData.putAll(principal.actorIdentity());
        }
        metaData.putAll(Map.of(ACTOR, name, ACTOR_TYPE, type.name(), ACTOR_ROLES, roles));
        return MetaData.from(metaData);
    }

    /** Metadata for a command the system sends on its own behalf, e.g. from a saga. */
    public static MetaData ofService(String serviceName, String role) {
        return MetaData.from(Map.of(ACTOR, serviceName, ACTOR_TYPE, ActorType.SERVICE.name(), ACTOR_ROLES, role));
    }

    /** A command the system sends on its own behalf, carrying {@link #ofService(String, String)}. */
    public static CommandMessage<?> serviceCommand(Object command, String serviceName, String role) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(ofService(serviceName, role));
    }

    public static boolean isPresent(MetaData metaData) {
        return metaData.get(ACTOR) instanceof String actor && !actor.isBlank()
                && metaData.get(ACTOR_TYPE) instanceof String;
    }
}
