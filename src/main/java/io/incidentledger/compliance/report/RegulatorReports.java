package io.incidentledger.compliance.report;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.compliance.obligations.ComplianceViews;
import io.incidentledger.compliance.obligations.IncidentObligationsView;
import io.incidentledger.compliance.obligations.ObligationDetailView;
import io.incidentledger.compliance.report.RegulatorReportView.ContainmentSection;
import io.incidentledger.compliance.report.RegulatorReportView.FactsSection;
import io.incidentledger.compliance.report.RegulatorReportView.IncidentSection;
import io.incidentledger.compliance.report.RegulatorReportView.LedgerSection;
import io.incidentledger.compliance.report.RegulatorReportView.ObligationEntry;
import io.incidentledger.compliance.report.RegulatorReportView.RecordedFact;
import io.incidentledger.compliance.report.RegulatorReportView.ReviewSection;
import io.incidentledger.compliance.report.RegulatorReportView.TimelineEntry;
import io.incidentledger.containment.query.ContainmentStepProjection;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentView;
import io.incidentledger.incident.api.TimelineEntryView;
import io.incidentledger.ledger.chain.StoredEvent;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.Checkpoint;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.ledger.log.SignedNote;
import io.incidentledger.review.api.ReviewView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Puts together the regulator's report on one incident from the views that already exist: the incident and its
 * timeline, the containment steps, the obligations judged now, and the ledger's newest signed checkpoint. Each view
 * is read as it stands, so a fact recorded a moment ago may show in the timeline before the obligations count it.
 */
@Component
public class RegulatorReports {

    static final Set<String> AWARENESS = Set.of("AwarenessRecorded");
    static final Set<String> CLASSIFICATIONS = Set.of("RegulatoryClassificationRecorded");
    static final Set<String> MATERIALITY = Set.of("MaterialityDetermined");
    static final Set<String> EXTORTION = Set.of("ExtortionPaymentRecorded");
    static final Set<String> REGIMES = Set.of("RegimesAssessed");

    private static final HexFormat HEX = HexFormat.of();

    private final QueryGateway queries;
    private final ContainmentStepProjection steps;
    private final ComplianceViews compliance;
    private final StoredEvents storedEvents;
    private final LedgerLog ledgerLog;
    private final Clock clock;

    public RegulatorReports(QueryGateway queries, ContainmentStepProjection steps, ComplianceViews compliance,
                            StoredEvents storedEvents, LedgerLog ledgerLog, Clock clock) {
        this.queries = queries;
        this.steps = steps;
        this.compliance = compliance;
        this.storedEvents = storedEvents;
        this.ledgerLog = ledgerLog;
        this.clock = clock;
    }

    /** The report on the incident, or empty when there is no such incident. */
    public Optional<RegulatorReportView> report(IncidentId incidentId, String generatedBy) {
        Optional<IncidentView> found = queries.query(new FindIncident(incidentId),
                ResponseTypes.optionalInstanceOf(IncidentView.class)).join();
        return found.map(incident -> report(incident, generatedBy));
    }

    private RegulatorReportView report(IncidentView incident, String generatedBy) {
        Instant now = clock.instant();
        String id = incident.incidentId().value();
        Optional<IncidentObligationsView> obligations = compliance.incident(id, now);
        List<TimelineEntryView> timeline = incident.timeline() == null ? List.of() : incident.timeline();
        Map<String, LedgerLog.Leaf> leaves = ledgerLog.leavesOfAggregate(id).stream()
                .collect(Collectors.toMap(LedgerLog.Leaf::eventIdentifier, Function.identity(), (first, next) -> first));
        Map<String, byte[]> hashes = storedEvents.ofAggregate(id).stream()
                .filter(event -> event.entryHash() != null)
                .collect(Collectors.toMap(StoredEvent::eventIdentifier, StoredEvent::entryHash, (first, next) -> first));
        return new RegulatorReportView(now, generatedBy, incidentSection(incident),
                facts(obligations, timeline),
                timeline.stream().map(entry -> timelineEntry(entry, leaves.get(entry.eventId()),
                        hashes.get(entry.eventId()))).toList(),
                new ContainmentSection(orEmpty(incident.containmentActions()), steps.steps(incident.incidentId())),
                obligations.map(view -> view.obligations().stream().map(RegulatorReports::obligation).toList())
                        .orElse(List.of()),
                review(incident.review()), ledger(id, leaves.values()));
    }

    private static IncidentSection incidentSection(IncidentView incident) {
        return new IncidentSection(incident.incidentId().value(), incident.title(), incident.description(),
                incident.category(), incident.severity(), incident.status(), incident.source(),
                incident.reportedAt(), incident.reportedBy(), incident.times(), incident.resolutionSummary(),
                incident.dismissalReason(), orEmpty(incident.affectedAssets()));
    }

    private static FactsSection facts(Optional<IncidentObligationsView> obligations, List<TimelineEntryView> timeline) {
        return new FactsSection(obligations.map(IncidentObligationsView::awareAt).orElse(null),
                obligations.map(IncidentObligationsView::regimes).orElse(List.of()),
                obligations.map(IncidentObligationsView::regimesAssessed).orElse(false),
                recorded(timeline, AWARENESS), recorded(timeline, CLASSIFICATIONS), recorded(timeline, MATERIALITY),
                recorded(timeline, EXTORTION), recorded(timeline, REGIMES),
                obligations.map(IncidentObligationsView::submissions).orElse(List.of()));
    }

    private static List<RecordedFact> recorded(List<TimelineEntryView> timeline, Set<String> types) {
        return timeline.stream()
                .filter(entry -> types.contains(entry.type()))
                .map(entry -> new RecordedFact(entry.type(), entry.summary(), entry.actor(), entry.recordedAt(),
                        entry.eventId()))
                .toList();
    }

    private static TimelineEntry timelineEntry(TimelineEntryView entry, LedgerLog.Leaf leaf, byte[] entryHash) {
        byte[] hash = entryHash != null ? entryHash : leaf == null ? null : leaf.entryHash();
        return new TimelineEntry(entry.sequence(), entry.eventId(), entry.type(), entry.summary(), entry.actor(),
                entry.actorType(), entry.actorRoles(), entry.recordedAt(), hash == null ? null : HEX.formatHex(hash),
                leaf == null ? null : leaf.leafIndex(),
                "/api/ledger/proofs/inclusion?eventId=" + entry.eventId());
    }

    private static ObligationEntry obligation(ObligationDetailView obligation) {
        return new ObligationEntry(obligation.regime(), obligation.stage(), obligation.stage().label(),
                obligation.stage().source(), obligation.anchor(), obligation.anchoredAt(), obligation.dueAt(),
                obligation.graceUntil(), obligation.lastOnTimeAt(), obligation.submittedAt(), obligation.status(),
                obligation.metWithinGrace(), obligation.explanation());
    }

    private static ReviewSection review(ReviewView review) {
        if (review == null) {
            return null;
        }
        return new ReviewSection(review.rootCause(), review.lessonsLearned(), review.recordedAt(),
                review.recordedBy(), orEmpty(review.contributingFactors()), orEmpty(review.procedureChanges()),
                orEmpty(review.items()));
    }

    private LedgerSection ledger(String id, Collection<LedgerLog.Leaf> leaves) {
        String base = "/api/incidents/" + id;
        String verification = "/api/ledger/verification?incidentId=" + id;
        Optional<LedgerLog.StoredCheckpoint> stored = ledgerLog.latestCheckpoint();
        if (stored.isEmpty()) {
            return new LedgerSection(null, null, null, null, null, leaves.size(), 0, "/api/ledger/checkpoint",
                    "/api/ledger/public-key", base + "/audit-bundle", verification);
        }
        LedgerLog.StoredCheckpoint latest = stored.get();
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(latest.note()).text());
        int covered = (int) leaves.stream().filter(leaf -> leaf.leafIndex() < latest.treeSize()).count();
        return new LedgerSection(latest.note(), checkpoint.origin(), checkpoint.treeSize(),
                checkpoint.rootHashBase64(), HEX.formatHex(checkpoint.rootHash()), leaves.size(), covered,
                "/api/ledger/checkpoint", "/api/ledger/public-key", base + "/audit-bundle", verification);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
