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
public final class IncidentLifecycleWorkload implements Workload {

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

    /** Told when each command has returned: the incident, the command's position in its unit (= the sequence
     * number of the one event it appends) and the wall-clock time it returned. Called on the client thread. */
    @FunctionalInterface
    public interface ReturnListener {
        void returned(String aggregateIdentifier, int sequenceNumber, Instant returnedAt);
    }

    private final CommandGateway gateway;
    private final MetaData actor;
    private final ReturnListener listener;

    IncidentLifecycleWorkload(CommandGateway gateway, MetaData actor) {
        this(gateway, actor, null);
    }

    public IncidentLifecycleWorkload(CommandGateway gateway, MetaData actor, ReturnListener listener) {
        this.gateway = gateway;
        this.actor = actor;
        this.listener = listener;
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
        int[] sequence = {0};
        Sender send = (r, command) -> {
            r.time(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor)));
            if (listener != null) {
                listener.returned(id.toString(), sequence[0], Instant.now());
            }
            sequence[0]++;
        };
        send.send(recorder, new ReportIncident(id, "Benchmark incident " + unit,
                "Unexpected outbound transfers from the hot wallet signer", Severity.MEDIUM,
                Category.KEY_COMPROMISE, IncidentSource.MANUAL, OCCURRED, DETECTED));
        send.send(recorder, new AcknowledgeIncident(id));
        send.send(recorder, new TriageIncident(id, Severity.MEDIUM, Category.KEY_COMPROMISE, ASSETS, CLASSIFIED));
        send.send(recorder, new AssignIncident(id, AssignmentRole.COMMANDER, "commander"));
        send.send(recorder, new AddNote(id, "Signer isolated from the network; rotating keys."));
        send.send(recorder, new AttachEvidence(id, "signer-audit.log", SHA256,
                "s3://evidence/" + id + "/signer-audit.log", "Audit log of the signer for the last 24 hours"));
        send.send(recorder, new EscalateIncident(id, Severity.HIGH, "Customer funds affected"));
        send.send(recorder, new ContainIncident(id, CONTAINED, "Signer revoked, withdrawals paused"));
        send.send(recorder, new EradicateIncident(id, ERADICATED, "Compromised key material destroyed"));
        send.send(recorder, new RecoverIncident(id, RECOVERED, "Withdrawals resumed with the new signer"));
        send.send(recorder, new ResolveIncident(id, "Key compromise contained and remediated", RESOLVED));
    }

    @FunctionalInterface
    private interface Sender {
        void send(LatencyRecorder recorder, Object command) throws Exception;
    }
}
