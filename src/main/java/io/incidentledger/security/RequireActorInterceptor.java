package io.incidentledger.security;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/** Refuses any command that does not say who caused it, so that every stored event names its actor. */
public class RequireActorInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        if (!ActorMetadata.isPresent(command.getMetaData())) {
            throw new IllegalStateException("command " + command.getCommandName() + " names no actor");
        }
        return interceptorChain.proceed();
    }
}
