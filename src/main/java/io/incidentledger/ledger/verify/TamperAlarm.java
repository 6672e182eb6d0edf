package io.incidentledger.ledger.verify;

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
import org.springframework.stereotype.Component;

/**
 * Opens a CRITICAL incident for each finding of the verifier, once: the incident id is derived from the finding's
 * kind and place, so a finding seen again, on this node or another, hits the existing incident and the store's
 * uniqueness rule refuses the duplicate. Reporting only appends a new incident; it never reads the damaged records.
 */
@Component
public class TamperAlarm {

    static final String ACTOR = "ledger-verifier";
    private static final Logger log = LoggerFactory.getLogger(TamperAlarm.class);

    private final CommandGateway commands;
    private final Clock clock;

    public TamperAlarm(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** Reports the finding; returns the incident it belongs to, whether this call opened it or an earlier one. */
    public IncidentId raise(Finding finding) {
        IncidentId incidentId = incidentFor(finding);
        ReportIncident report = new ReportIncident(incidentId,
                "Ledger integrity violation: " + finding.kind() + " at " + finding.place(),
                finding.detail() + " (" + finding.place() + ")", Severity.CRITICAL, Category.LEDGER_TAMPERING,
                IncidentSource.DETECTION, null, clock.instant());
        try {
            commands.sendAndWait(ActorMetadata.serviceCommand(report, ACTOR, Roles.DETECTOR));
            log.error("Ledger integrity violation {} at {}: {}; opened incident {}", finding.kind(),
                    finding.place(), finding.detail(), incidentId);
        } catch (AggregateStreamCreationException alreadyOpen) {
            log.debug("Ledger finding {} at {} already has incident {}", finding.kind(), finding.place(),
                    incidentId);
        }
        return incidentId;
    }

    /** The incident a finding belongs to: derived from its kind and place, the same on every node. */
    public static IncidentId incidentFor(Finding finding) {
        String key = "incident-ledger:tamper:" + finding.kind() + ":" + finding.place();
        return IncidentId.of(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)));
    }
}
