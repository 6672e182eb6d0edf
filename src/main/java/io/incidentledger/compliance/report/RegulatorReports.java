package io.incidentledger.compliance.report;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.compliance.api.FindRegulatorReport;
import io.incidentledger.compliance.api.RegulatorReportView;
import io.incidentledger.compliance.api.RegulatorReportView.ContainmentSection;
import io.incidentledger.compliance.api.RegulatorReportView.FactsSection;
import io.incidentledger.compliance.api.RegulatorReportView.IncidentSection;
import io.incidentledger.compliance.api.RegulatorReportView.LedgerSection;
import io.incidentledger.compliance.api.RegulatorReportView.ObligationEntry;
import io.incidentledger.compliance.api.RegulatorReportView.RecordedFact;
import io.incidentledger.compliance.api.RegulatorReportView.ReviewSection;
import io.incidentledger.compliance.api.RegulatorReportView.TimelineEntry;
import io.incidentledger.compliance.obligations.ComplianceViews;
import io.incidentledger.compliance.obligations.IncidentObligationsView;
import io.incidentledger.compliance.obligations.ObligationDetailView;
import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.containment.api.FindContainmentSteps;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentView;
import io.incidentledger.incident.api.TimelineEntryView;
import io.incidentledger.ledger.api.CheckpointView;
import io.incidentledger.ledger.api.FindLedgerEntries;
import io.incidentledger.ledger.api.LedgerEntriesView;
import io.incidentledger.ledger.api.LogLeafView;
import io.incidentledger.ledger.api.StoredEventView;
import io.incidentledger.review.api.ReviewView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Puts together the regulator's report on one incident from the views that already exist: the incident and its
 * timeline, the containment steps, the obligations judged now, and the ledger's newest signed checkpoint. Other
 * features are asked through query messages. Each view is read as it stands, so a fact recorded a moment ago may show
 * in the timeline before the obligations count it.
 */
@Component
public class RegulatorReports {

    static final Set<String> AWARENESS = Set.of("AwarenessRecorded");
    static final Set<String> CLASSIFICATIONS = Set.of("RegulatoryClassificationRecorded");
    static final Set<String> MATERIALITY = Set.of("MaterialityDetermined");
    static final Set<String> EXTORTION = Set.of("ExtortionPaymentRecorded");
    static final Set<String> REGIMES = Set.of("RegimesAssessed");

    private final QueryGateway queries;
    private final ComplianceViews compliance;
    private final Clock clock;

    public RegulatorReports(QueryGateway queries, ComplianceViews compliance, Clock clock) {
        this.queries = queries;
        this.compliance = compliance;
        this.clock = clock;
    }

    /** The report on the incident, or empty when there is no such incident. */
    public Optional<RegulatorReportView> report(IncidentId incidentId, String generatedBy) {
        Optional<IncidentView> found = queries.query(new FindIncident(incidentId),
                ResponseTypes.optionalInstanceOf(IncidentView.class)).join();
        return found.map(incident -> report(incident, generatedBy));
    }

    @QueryHandler
    Optional<RegulatorReportView> handle(FindRegulatorReport query) {
        return report(query.incidentId(), query.generatedBy());
    }

    private RegulatorReportView report(IncidentView incident, String generatedBy) {
        Instant now = clock.instant();
        String id = incident.incidentId().value();
        Optional<IncidentObligationsView> obligations = compliance.incident(id, now);
        List<TimelineEntryView> timeline = incident.timeline() == null ? List.of() : incident.timeline();
        LedgerEntriesView ledger = queries.query(new FindLedgerEntries(id),
                ResponseTypes.instanceOf(LedgerEntriesView.class)).join();
        Map<String, LogLeafView> leaves = ledger.leaves().stream()
                .collect(Collectors.toMap(LogLeafView::eventId, Function.identity(), (first, next) -> first));
        Map<String, String> hashes = ledger.events().stream()
                .filter(event -> event.entryHash() != null)
                .collect(Collectors.toMap(StoredEventView::eventId, StoredEventView::entryHash, (first, next) -> first));
        List<ContainmentStepView> steps = queries.query(new FindContainmentSteps(incident.incidentId()),
                ResponseTypes.multipleInstancesOf(ContainmentStepView.class)).join();
        return new RegulatorReportView(now, generatedBy, incidentSection(incident),
                facts(obligations, timeline),
                timeline.stream().map(entry -> timelineEntry(entry, leaves.get(entry.eventId()),
                        hashes.get(entry.eventId()))).toList(),
                new ContainmentSection(orEmpty(incident.containmentActions()), steps),
                obligations.map(view -> view.obligations().stream().map(RegulatorReports::obligation).toList())
                        .orElse(List.of()),
                review(incident.review()), ledger(id, leaves.values(), ledger.latestCheckpoint()));
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

    private static TimelineEntry timelineEntry(TimelineEntryView entry, LogLeafView leaf, String entryHash) {
        String hash = entryHash != null ? entryHash : leaf == null ? null : leaf.entryHash();
        return new TimelineEntry(entry.sequence(), entry.eventId(), entry.type(), entry.summary(), entry.actor(),
                entry.actorType(), entry.actorRoles(), entry.recordedAt(), hash,
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

    private static LedgerSection ledger(String id, Collection<LogLeafView> leaves, CheckpointView latest) {
        String base = "/api/incidents/" + id;
        String verification = "/api/ledger/verification?incidentId=" + id;
        if (latest == null) {
            return new LedgerSection(null, null, null, null, null, leaves.size(), 0, "/api/ledger/checkpoint",
                    "/api/ledger/public-key", base + "/audit-bundle", verification);
        }
        int covered = (int) leaves.stream().filter(leaf -> leaf.leafIndex() < latest.treeSize()).count();
        return new LedgerSection(latest.note(), latest.origin(), latest.treeSize(), latest.rootHash(),
                latest.rootHashHex(), leaves.size(), covered, "/api/ledger/checkpoint", "/api/ledger/public-key",
                base + "/audit-bundle", verification);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
