package io.incidentledger.console.workspace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.alerting.api.ListNotifications;
import io.incidentledger.alerting.api.NotificationView;
import io.incidentledger.common.LostRaces;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.compliance.api.FindIncidentObligations;
import io.incidentledger.compliance.api.IncidentObligationsSummaryView;
import io.incidentledger.console.ConsoleUser;
import io.incidentledger.console.LiveWait;
import io.incidentledger.containment.api.ContainmentActionType;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.containment.api.FindContainmentSteps;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.AssignmentRole;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentView;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.incident.api.TimelineEntryView;
import io.incidentledger.ledger.api.CheckpointView;
import io.incidentledger.ledger.api.FindLedgerEntries;
import io.incidentledger.ledger.api.LedgerEntriesView;
import io.incidentledger.ledger.api.LogLeafView;
import io.incidentledger.ledger.api.StoredEventView;
import io.incidentledger.security.Roles;
import io.incidentledger.web.IncidentPaths;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The incident workspace: one incident's state and business times, its timeline with each event's hash and whether a
 * signed checkpoint covers it, detections, notifications, reporting obligations, containment steps, and the actions
 * the reader's role allows, each a form that posts to the API. {@code /console/incidents/{id}} is the whole page;
 * {@code …/overview}, {@code …/record} and {@code …/actions} are its parts, which the live feed fetches again.
 *
 * <p>Everything is asked of the other features through query messages. What the API records when it answers, the
 * workspace records when it shows the same: a regulator's read of the incident ({@code incident}), and anyone's read
 * of its obligations ({@code obligations}), on the page and on each refresh of the record part.
 */
@Controller
class WorkspaceController {

    private static final String PAGE = "console/incident";
    /** The timeline's event types that show the incident acknowledged, triaged. */
    private static final String ACKNOWLEDGED = "IncidentAcknowledged";
    private static final String TRIAGED = "IncidentTriaged";
    /** Compliance facts, as the timeline names their events. */
    private static final Set<String> COMPLIANCE_FACTS = Set.of("AwarenessRecorded", "RegulatoryClassificationRecorded",
            "MaterialityDetermined", "ExtortionPaymentRecorded", "RegimesAssessed", "RegulatoryReportSubmitted");

    private static final InstantText AT = new InstantText();

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final LiveWait liveWait;

    WorkspaceController(QueryGateway queries, CommandGateway commands, LiveWait liveWait) {
        this.queries = queries;
        this.commands = commands;
        this.liveWait = liveWait;
    }

    @ModelAttribute("at")
    InstantText at() {
        return AT;
    }

    @GetMapping(path = "/console/incidents/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String id, Model model) {
        IncidentView incident = find(id);
        fillOverview(model, incident);
        fillRecord(model, incident);
        fillActions(model, incident);
        return PAGE;
    }

    @GetMapping(path = "/console/incidents/{id}/overview", produces = MediaType.TEXT_HTML_VALUE)
    String overview(@PathVariable String id, @RequestParam(required = false) String waitFor, Model model) {
        liveWait.untilShown(waitFor);
        IncidentView incident = find(id);
        fillOverview(model, incident);
        return PAGE + " :: overview";
    }

    @GetMapping(path = "/console/incidents/{id}/record", produces = MediaType.TEXT_HTML_VALUE)
    String record(@PathVariable String id, @RequestParam(required = false) String waitFor, Model model) {
        liveWait.untilShown(waitFor);
        IncidentView incident = find(id);
        fillRecord(model, incident);
        return PAGE + " :: record";
    }

    @GetMapping(path = "/console/incidents/{id}/actions", produces = MediaType.TEXT_HTML_VALUE)
    String actions(@PathVariable String id, @RequestParam(required = false) String waitFor, Model model) {
        liveWait.untilShown(waitFor);
        IncidentView incident = find(id);
        fillActions(model, incident);
        return PAGE + " :: actions";
    }

    /** The incident, or a 404 page (ConsoleErrors) when the id is not an incident id or names no incident. */
    private IncidentView find(String id) {
        return IncidentPaths.parse(id).flatMap(incidentId -> queries.query(new FindIncident(incidentId),
                        ResponseTypes.optionalInstanceOf(IncidentView.class)).join())
                .orElseThrow(() -> IncidentPaths.notFound(id));
    }

    private static void fillOverview(Model model, IncidentView incident) {
        model.addAttribute("incident", incident);
        model.addAttribute("incidentId", incident.incidentId().value());
    }

    /**
     * The record part: containment, timeline, detections, notifications, compliance and evidence, each only when the
     * API would answer the reader the same; the reads the API records are recorded first, so that nothing is shown
     * without its record.
     */
    private void fillRecord(Model model, IncidentView incident) {
        ConsoleUser user = user(model);
        IncidentId incidentId = incident.incidentId();
        String id = incidentId.value();
        String base = "/api/incidents/" + id;
        boolean ledgerShown = user.may("GET", base + "/events");
        boolean obligationsShown = user.may("GET", "/api/compliance/incidents/" + id + "/obligations");
        boolean notificationsShown = user.may("GET", base + "/notifications");
        if (user.hasRole(Roles.REGULATOR)) {
            LostRaces.sendAndWait(commands, new RecordIncidentRead(incidentId, RecordIncidentRead.INCIDENT));
        }
        Optional<IncidentObligationsSummaryView> obligations = Optional.empty();
        if (obligationsShown) {
            obligations = queries.query(new FindIncidentObligations(incidentId),
                    ResponseTypes.optionalInstanceOf(IncidentObligationsSummaryView.class)).join();
            if (obligations.isPresent()) {
                LostRaces.sendAndWait(commands, new RecordIncidentRead(incidentId, RecordIncidentRead.OBLIGATIONS));
            }
        }
        List<TimelineEntryView> timeline = orEmpty(incident.timeline());
        CheckpointView checkpoint = null;
        List<TimelineRow> rows;
        if (ledgerShown) {
            LedgerEntriesView ledger = queries.query(new FindLedgerEntries(id),
                    ResponseTypes.instanceOf(LedgerEntriesView.class)).join();
            checkpoint = ledger.latestCheckpoint();
            rows = rows(timeline, ledger);
        } else {
            rows = timeline.stream().map(entry -> new TimelineRow(entry, null, null, false)).toList();
        }
        List<TimelineRow> newestFirst = new ArrayList<>(rows);
        Collections.reverse(newestFirst);
        List<ContainmentStepView> steps = queries.query(new FindContainmentSteps(incidentId),
                ResponseTypes.multipleInstancesOf(ContainmentStepView.class)).join();
        List<NotificationView> notifications = notificationsShown
                ? queries.query(new ListNotifications(incidentId),
                        ResponseTypes.multipleInstancesOf(NotificationView.class)).join()
                : List.of();
        model.addAttribute("incident", incident);
        model.addAttribute("incidentId", id);
        model.addAttribute("ledgerShown", ledgerShown);
        model.addAttribute("checkpoint", checkpoint);
        model.addAttribute("timeline", newestFirst);
        model.addAttribute("coveredCount", rows.stream().filter(TimelineRow::covered).count());
        model.addAttribute("steps", steps);
        // the log signs a checkpoint every second or so, which no event of the incident announces: while an event
        // awaits one, the part looks again by itself (not a regulator's, whose every look is a recorded read); every
        // other change is an event of the incident, which the live feed brings
        boolean coverageDue = checkpoint != null && rows.stream().anyMatch(row -> !row.covered());
        model.addAttribute("refreshSoon", !user.hasRole(Roles.REGULATOR) && coverageDue);
        model.addAttribute("notificationsShown", notificationsShown);
        model.addAttribute("notifications", notifications);
        model.addAttribute("obligationsShown", obligationsShown);
        model.addAttribute("obligations", obligations.orElse(null));
        model.addAttribute("complianceFacts", timeline.stream()
                .filter(entry -> COMPLIANCE_FACTS.contains(entry.type())).toList());
    }

    private static List<TimelineRow> rows(List<TimelineEntryView> timeline, LedgerEntriesView ledger) {
        Map<String, String> hashes = ledger.events().stream().filter(event -> event.entryHash() != null)
                .collect(Collectors.toMap(StoredEventView::eventId, StoredEventView::entryHash,
                        (first, next) -> first));
        Map<String, LogLeafView> leaves = ledger.leaves().stream()
                .collect(Collectors.toMap(LogLeafView::eventId, Function.identity(), (first, next) -> first));
        long treeSize = ledger.latestCheckpoint() == null ? 0 : ledger.latestCheckpoint().treeSize();
        return timeline.stream().map(entry -> {
            LogLeafView leaf = leaves.get(entry.eventId());
            String hash = hashes.getOrDefault(entry.eventId(), leaf == null ? null : leaf.entryHash());
            Long leafIndex = leaf == null ? null : leaf.leafIndex();
            return new TimelineRow(entry, hash, leafIndex, leafIndex != null && leafIndex < treeSize);
        }).toList();
    }

    private static void fillActions(Model model, IncidentView incident) {
        List<TimelineEntryView> timeline = orEmpty(incident.timeline());
        model.addAttribute("incident", incident);
        model.addAttribute("incidentId", incident.incidentId().value());
        model.addAttribute("acknowledged", timeline.stream().anyMatch(entry -> ACKNOWLEDGED.equals(entry.type())));
        model.addAttribute("triaged", timeline.stream().anyMatch(entry -> TRIAGED.equals(entry.type())));
        model.addAttribute("severities", List.of(Severity.values()));
        model.addAttribute("categories", List.of(Category.values()));
        model.addAttribute("assignmentRoles", List.of(AssignmentRole.values()));
        model.addAttribute("assetTypes", List.of(AssetType.values()));
        model.addAttribute("actionTypes", List.of(ContainmentActionType.values()));
        model.addAttribute("stepActions", List.of(ContainmentStepAction.values()));
    }

    private static ConsoleUser user(Model model) {
        return (ConsoleUser) model.getAttribute("console");
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
