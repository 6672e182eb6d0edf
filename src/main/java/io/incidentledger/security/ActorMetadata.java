package io.incidentledger.security;

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
 * the principal's name, whether it is a person or a service, and its roles.
 */
public final class ActorMetadata {

    public static final String ACTOR = "actor";
    public static final String ACTOR_TYPE = "actorType";
    public static final String ACTOR_ROLES = "actorRoles";
    public static final List<String> KEYS = List.of(ACTOR, ACTOR_TYPE, ACTOR_ROLES);

    private static final String ROLE_PREFIX = "ROLE_";

    private ActorMetadata() {
    }

    /** The metadata naming the authenticated principal: roles are sorted and comma separated. */
    public static MetaData of(Authentication authentication) {
        ActorType type = authentication.getPrincipal() instanceof LedgerUser user ? user.actorType() : ActorType.USER;
        String roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .sorted()
                .collect(Collectors.joining(","));
        return MetaData.from(Map.of(ACTOR, authentication.getName(), ACTOR_TYPE, type.name(), ACTOR_ROLES, roles));
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
