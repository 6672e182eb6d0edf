package io.incidentledger.common;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends a command that may lose a race to another node appending to the same aggregate (an incident's access log, on
 * which every regulator's read is recorded): the loser reloads the aggregate and appends after the winner.
 */
public final class LostRaces {

    /** A read loses only to reads on other nodes at the same instant; three tries cover two such nodes. */
    private static final int ATTEMPTS = 3;

    private LostRaces() {
    }

    /** Sends {@code command} and waits, again when it lost a race, up to three times in all. */
    public static void sendAndWait(CommandGateway commands, Object command) {
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
