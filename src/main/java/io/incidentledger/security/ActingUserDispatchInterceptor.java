package io.incidentledger.security;

import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Adds the authenticated user of the dispatching thread to each command's metadata. Metadata already naming an
 * actor (a command sent on a service's behalf) is left as it is.
 */
public class ActingUserDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return (index, command) -> {
            if (ActorMetadata.isPresent(command.getMetaData()) || authentication == null
                    || !authentication.isAuthenticated()) {
                return command;
            }
            return command.andMetaData(ActorMetadata.of(authentication));
        };
    }
}
