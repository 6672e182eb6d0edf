package io.incidentledger.containment.saga;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the sagas send: as their own service actor; a refusal (the incident moved on meanwhile) is logged, not retried. */
final class SagaCommands {

    private static final Logger log = LoggerFactory.getLogger(SagaCommands.class);

    private SagaCommands() {
    }

    /** Returns whether the incident accepted the command. */
    static boolean send(CommandGateway commands, Object command, String actor, IncidentId incidentId) {
        try {
            commands.sendAndWait(ActorMetadata.serviceCommand(command, actor, Roles.SYSTEM));
            return true;
        } catch (CommandRefusedException refused) {
            log.info("incident {}: {} by {} was refused: {}", incidentId, command.getClass().getSimpleName(), actor,
                    refused.getMessage());
            return false;
        }
    }
}
