package benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import benchmarks.harness.LatencyRecorder;
import benchmarks.harness.Workload;
import io.incidentledger.incident.api.AcknowledgeIncident;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.AssignIncident;
import io.incidentledger.incident.api.AssignmentRole;
import io.incidentledger.incident.api.AttachEvidence;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.ContainIncident;
import io.incidentledger.incident.api.EradicateIncident;
import io.incidentledger.incident.api.EscalateIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.RecoverIncident;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.ResolveIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.incident.api.TriageIncident;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Candidate unit: one incident from report to resolution through the application's own aggregate: report (MEDIUM),
 * then ten transitions: acknowledge, triage, assign a commander, add a note, attach evidence, escalate to HIGH,
 * contain, eradicate, recover, resolve. Business times are fixed and in increasing order, so every command is valid.
 */
final class IncidentLifecycleWorkload implements Workload {

    private static final Instant DETECTED = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant OCCURRED = DETECTED.minus(Duration.ofMinutes(30));
    private static final Instant CLASSIFIED = DETECTED.plus(Duration.ofMinutes(10));
    private static final Instant CONTAINED = DETECTED.plus(Duration.ofHours(1));
    private static final Instant ERADICATED = DETECTED.plus(Duration.ofHours(2));
    private static final Instant RECOVERED = DETECTED.plus(Duration.ofHours(3));
    private static final Instant RESOLVED = DETECTED.plus(Duration.ofHours(4));
    private static final List<AffectedAsset> ASSETS =
            List.of(new AffectedAsset(AssetType.SIGNING_KEY, "hot-wallet-signer-7", "ethereum"));
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final CommandGateway gateway;
    private final MetaData actor;

    IncidentLifecycleWorkload(CommandGateway gateway, MetaData actor) {
        this.gateway = gateway;
        this.actor = actor;
    }

    @Override
    public String name() {
        return "incident-lifecycle";
    }

    @Override
    public String description() {
        return "report (MEDIUM), acknowledge, triage, assign commander, add note, attach evidence, escalate to HIGH,"
                + " contain, eradicate, recover, resolve";
    }

    @Override
    public int commandsPerUnit() {
        return 11;
    }

    @Override
    public void runUnit(long unit, LatencyRecorder recorder) throws Exception {
        IncidentId id = IncidentId.of(UUID.randomUUID());
        send(recorder, new ReportIncident(id, "Benchmark incident " + unit,
                "Unexpected outbound transfers from the hot wallet signer", Severity.MEDIUM,
                Category.KEY_COMPROMISE, IncidentSource.MANUAL, OCCURRED, DETECTED));
        send(recorder, new AcknowledgeIncident(id));
        send(recorder, new TriageIncident(id, Severity.MEDIUM, Category.KEY_COMPROMISE, ASSETS, CLASSIFIED));
        send(recorder, new AssignIncident(id, AssignmentRole.COMMANDER, "commander"));
        send(recorder, new AddNote(id, "Signer isolated from the network; rotating keys."));
        send(recorder, new AttachEvidence(id, "signer-audit.log", SHA256, "s3://evidence/" + id + "/signer-audit.log",
                "Audit log of the signer for the last 24 hours"));
        send(recorder, new EscalateIncident(id, Severity.HIGH, "Customer funds affected"));
        send(recorder, new ContainIncident(id, CONTAINED, "Signer revoked, withdrawals paused"));
        send(recorder, new EradicateIncident(id, ERADICATED, "Compromised key material destroyed"));
        send(recorder, new RecoverIncident(id, RECOVERED, "Withdrawals resumed with the new signer"));
        send(recorder, new ResolveIncident(id, "Key compromise contained and remediated", RESOLVED));
    }

    private void send(LatencyRecorder recorder, Object command) throws Exception {
        recorder.time(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor)));
    }
}
