package io.incidentledger.compliance.access;

import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Records a read of one incident's view in the incident's access log, in the name of the authenticated principal
 * (the command gateway adds the actor). Called after the view was found and before it is answered: a read that
 * cannot be recorded is not answered.
 */
@Component
public class IncidentReads {

    /** {@code GET /api/incidents/{id}}. */
    public static final String INCIDENT = "incident";
    /** {@code GET /api/compliance/incidents/{id}/audit-trail}. */
    public static final String AUDIT_TRAIL = "audit-trail";
    /** The per-incident obligations view. */
    public static final String OBLIGATIONS = "obligations";
    /** The per-incident regulator report. */
    public static final String REPORT = "report";

    /** Two nodes appending to one log at once: the loser reloads the log and appends after the winner. */
    private static final int ATTEMPTS = 3;

    private final CommandGateway commands;

    public IncidentReads(CommandGateway commands) {
        this.commands = commands;
    }

    public void record(IncidentId incidentId, String view) {
        RecordIncidentRead command = new RecordIncidentRead(incidentId, view);
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(command);
                return;
            } catch (ConcurrencyException | AggregateStreamCreationException lostRace) {
                if (attempt == ATTEMPTS) {
                    throw lostRace;
                }
            }
        }
    }
}
