package io.incidentledger.compliance.access;

import io.incidentledger.common.LostRaces;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Records a read of one incident's view in the incident's access log, in the name of the authenticated principal
 * (the command gateway adds the actor). Called after the view was found and before it is answered: a read that
 * cannot be recorded is not answered.
 */
@Component
public class IncidentReads {

    private final CommandGateway commands;

    public IncidentReads(CommandGateway commands) {
        this.commands = commands;
    }

    public void record(IncidentId incidentId, String view) {
        LostRaces.sendAndWait(commands, new RecordIncidentRead(incidentId, view));
    }
}
