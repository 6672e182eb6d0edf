package io.incidentledger.ledger.witness;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.Roles;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the witnessing finds into incidents, which the alerting then delivers like any other: a split view is a
 * CRITICAL ledger-tampering incident, a checkpoint left without its quorum a HIGH service-disruption one. Each has an id derived from
 * what it is about, so a finding seen again, on this node or another, hits the incident already open.
 */
public class WitnessAlarms {

    static final String ACTOR = "ledger-witnessing";
    private static final Logger log = LoggerFactory.getLogger(WitnessAlarms.class);

    private final CommandGateway commands;
    private final Clock clock;

    public WitnessAlarms(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** A witness holds a checkpoint signed with the log's key that the log's history does not extend. */
    void splitView(ConfiguredWitness witness, long witnessSize, String detail) {
        IncidentId id = splitViewIncident(witness.name(), witnessSize);
        report(id, "Ledger split view reported by witness " + witness.name(),
                "Witness " + witness.name() + " (" + witness.url() + "): " + detail + ". The log has been shown in "
                        + "two versions, or rewritten after a witness saw it. The witness's checkpoint is kept as "
                        + "evidence (GET /api/ledger/witnesses).", Severity.CRITICAL,
                Category.LEDGER_TAMPERING);
    }

    /** No checkpoint since the one of {@code dueSize} has its quorum, though it was signed long enough ago. */
    void quorumLapse(long dueSize, long lastWitnessedSize, int quorum, int witnesses, String detail) {
        IncidentId id = quorumLapseIncident(lastWitnessedSize);
        report(id, "Ledger checkpoints lack their witness quorum",
                "Checkpoint of tree size " + dueSize + " has not been cosigned by " + quorum + " of " + witnesses
                        + " witnesses in time; the newest witnessed checkpoint is of size " + lastWitnessedSize
                        + ". Until the quorum is back, history after it is signed by the operator alone. " + detail,
                Severity.HIGH, Category.SERVICE_DISRUPTION);
    }

    static IncidentId splitViewIncident(String witnessName, long witnessSize) {
        return derived("incident-ledger:witness:split-view:" + witnessName + ":" + witnessSize);
    }

    static IncidentId quorumLapseIncident(long lastWitnessedSize) {
        return derived("incident-ledger:witness:quorum-lapse:" + lastWitnessedSize);
    }

    private void report(IncidentId id, String title, String description, Severity severity, Category category) {
        ReportIncident report = new ReportIncident(id, title, description, severity, category,
                IncidentSource.DETECTION, null, clock.instant());
        try {
            commands.sendAndWait(ActorMetadata.serviceCommand(report, ACTOR, Roles.DETECTOR));
            log.error("{}: opened incident {}", title, id);
        } catch (AggregateStreamCreationException alreadyOpen) {
            log.debug("{}: incident {} is already open", title, id);
        }
    }

    private static IncidentId derived(String key) {
        return IncidentId.of(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)));
    }
}
