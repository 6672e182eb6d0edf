package io.incidentledger.compliance.api;

import java.time.Instant;
import java.util.List;

import io.incidentledger.containment.api.ContainmentActionView;
import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentTimesView;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.review.api.ActionItemView;
import io.incidentledger.review.api.ProcedureChangeView;

/**
 * Everything a regulator asks about one incident, in the order the printed report shows it: what the incident is,
 * the compliance facts recorded on it, its timeline, its containment, its reporting obligations, its post-incident
 * review and how to tie all of it to the signed ledger.
 *
 * @param generatedAt when the report was put together; the obligations' statuses are judged at this instant
 * @param generatedBy the user who asked for it
 * @param review      the post-incident review, or {@code null} while none has been recorded
 */
public record RegulatorReportView(Instant generatedAt, String generatedBy, IncidentSection incident, FactsSection facts,
                                  List<TimelineEntry> timeline, ContainmentSection containment,
                                  List<ObligationEntry> obligations, ReviewSection review, LedgerSection ledger) {

    /** What the incident is and its key business times. */
    public record IncidentSection(String incidentId, String title, String description, Category category,
                                  Severity severity, IncidentStatus status, IncidentSource source,
                                  Instant reportedAt, String reportedBy, IncidentTimesView times,
                                  String resolutionSummary, String dismissalReason,
                                  List<AffectedAsset> affectedAssets) {
    }

    /**
     * The compliance facts recorded on the incident. Each list holds every record of that kind in the order it was
     * made, later records standing over earlier ones, as the clocks use them.
     *
     * @param awareAt         the awareness the clocks run from: the latest recorded, else the detection time; {@code
     *                        null} while the obligations view has not seen the incident yet
     * @param regimes         the regimes that apply: as assessed for the incident, else the organisation's
     * @param regimesAssessed whether the regimes were assessed for this incident
     */
    public record FactsSection(Instant awareAt, List<Regime> regimes, boolean regimesAssessed,
                               List<RecordedFact> awareness, List<RecordedFact> classifications,
                               List<RecordedFact> materiality, List<RecordedFact> extortionPayments,
                               List<RecordedFact> regimeAssessments, List<SubmissionView> submissions) {
    }

    /** One compliance fact as its event records it: the timeline's line, who recorded it and when. */
    public record RecordedFact(String type, String summary, String recordedBy, Instant recordedAt, String eventId) {
    }

    /**
     * One event of the incident with its place in the ledger.
     *
     * @param entryHash      the event's entry hash in the hash chain (hex), {@code null} while not yet in the log
     * @param leafIndex      the event's leaf in the Merkle log, {@code null} while not yet admitted
     * @param inclusionProof where to fetch the proof that the leaf is in the signed log
     */
    public record TimelineEntry(long sequence, String eventId, String type, String summary, String actor,
                                String actorType, String actorRoles, Instant recordedAt, String entryHash,
                                Long leafIndex, String inclusionProof) {
    }

    /** The containment actions recorded by hand and the containment steps run by playbooks. */
    public record ContainmentSection(List<ContainmentActionView> actions, List<ContainmentStepView> steps) {
    }

    /**
     * One reporting stage, judged at {@code generatedAt}, with how its deadline was derived.
     *
     * @param stageLabel what is submitted at this stage, in words
     * @param provision  the provision that sets the deadline
     */
    public record ObligationEntry(Regime regime, Stage stage, String stageLabel, String provision, Anchor anchor,
                                  Instant anchoredAt, Instant dueAt, Instant graceUntil, Instant lastOnTimeAt,
                                  Instant submittedAt, ObligationStatus status, boolean metWithinGrace,
                                  String explanation) {
    }

    /** The post-incident review and its follow-up. */
    public record ReviewSection(String rootCause, String lessonsLearned, Instant recordedAt, String recordedBy,
                                List<String> contributingFactors, List<ProcedureChangeView> procedureChanges,
                                List<ActionItemView> actionItems) {
    }

    /**
     * The newest signed checkpoint of the ledger when the report was made, and where to verify the incident's events
     * against it. The checkpoint fields are {@code null} while the log has not signed one yet.
     *
     * @param checkpoint        the signed note exactly as {@code GET /api/ledger/checkpoint} serves it
     * @param rootHash          the checkpoint's root hash, base64 as on the note's third line
     * @param rootHashHex       the same root hash in hex, as the ledger's proof API writes hashes
     * @param eventsInLog       how many of the incident's events are leaves of the log
     * @param eventsCovered     how many of them the checkpoint covers (leaf index below its size)
     * @param auditBundle       the offline verification bundle of the incident
     */
    public record LedgerSection(String checkpoint, String origin, Long treeSize, String rootHash, String rootHashHex,
                                int eventsInLog, int eventsCovered, String checkpointUrl, String publicKeyUrl,
                                String auditBundle, String verification) {
    }
}
