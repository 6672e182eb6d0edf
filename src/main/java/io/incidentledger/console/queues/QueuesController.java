package io.incidentledger.console.queues;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.alerting.api.FailingNotificationsView;
import io.incidentledger.alerting.api.ListFailingNotifications;
import io.incidentledger.compliance.api.ListObligationsDue;
import io.incidentledger.compliance.api.ObligationsDueView;
import io.incidentledger.console.LiveWait;
import io.incidentledger.containment.api.ContainmentStepQueueView;
import io.incidentledger.containment.api.ContainmentStepStatus;
import io.incidentledger.containment.api.ListContainmentStepsInStatus;
import io.incidentledger.incident.api.FindIncidentSummaries;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentSummaryView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The queues across incidents: what waits for someone on any incident. Containment steps awaiting a commander's
 * approval, containment steps that failed, notifications that are failing to arrive, and reporting obligations due
 * within a day or already missed. Each queue asks its own feature (by query) and shows the newest or most urgent
 * items, with the count of all. {@code /console/queues} is the page, {@code /console/queues/part} the part that the
 * live feed, the console's own actions and a half-minute timer (obligations fall due without any event) fetch again.
 */
@Controller
class QueuesController {

    /** Rows shown per queue; the count says how many there are in all. */
    static final int SHOWN = 50;
    /** Obligations due within this are "due soon" here. */
    static final Duration DUE_WITHIN = Duration.ofHours(24);

    private final QueryGateway queries;
    private final LiveWait liveWait;

    QueuesController(QueryGateway queries, LiveWait liveWait) {
        this.queries = queries;
        this.liveWait = liveWait;
    }

    @GetMapping(path = "/console/queues", produces = MediaType.TEXT_HTML_VALUE)
    String page(Model model) {
        model.addAttribute("queues", queues());
        return "console/queues";
    }

    @GetMapping(path = "/console/queues/part", produces = MediaType.TEXT_HTML_VALUE)
    String part(@RequestParam(required = false) String waitFor, Model model) {
        liveWait.untilShown(waitFor);
        model.addAttribute("queues", queues());
        return "console/queues :: queues";
    }

    private Queues queues() {
        ContainmentStepQueueView awaiting = queries.query(
                new ListContainmentStepsInStatus(ContainmentStepStatus.AWAITING_APPROVAL, SHOWN),
                ContainmentStepQueueView.class).join();
        ContainmentStepQueueView failed = queries.query(
                new ListContainmentStepsInStatus(ContainmentStepStatus.FAILED, SHOWN),
                ContainmentStepQueueView.class).join();
        FailingNotificationsView notifications = queries.query(new ListFailingNotifications(SHOWN),
                FailingNotificationsView.class).join();
        ObligationsDueView obligations = queries.query(new ListObligationsDue(DUE_WITHIN, SHOWN),
                ObligationsDueView.class).join();

        Set<IncidentId> named = new HashSet<>();
        awaiting.items().forEach(item -> named.add(item.incidentId()));
        failed.items().forEach(item -> named.add(item.incidentId()));
        notifications.items().forEach(item -> named.add(item.incidentId()));
        obligations.items().forEach(item -> named.add(item.incidentId()));
        Map<String, IncidentSummaryView> incidents = named.isEmpty() ? Map.of()
                : queries.query(new FindIncidentSummaries(named),
                        ResponseTypes.multipleInstancesOf(IncidentSummaryView.class)).join().stream()
                .collect(Collectors.toMap(summary -> summary.incidentId().value(), Function.identity()));
        return new Queues(awaiting, failed, notifications, obligations, incidents);
    }

    /**
     * The four queues, and the incidents they name by id ({@code incidents}, by the id's value; an incident the
     * register does not show yet is missing).
     */
    record Queues(ContainmentStepQueueView awaitingApproval, ContainmentStepQueueView failedSteps,
                  FailingNotificationsView failingNotifications, ObligationsDueView obligationsDue,
                  Map<String, IncidentSummaryView> incidents) {

        /** The incident's title, or its id while the register does not show it. */
        public String title(IncidentId incidentId) {
            IncidentSummaryView incident = incidents.get(incidentId.value());
            return incident == null ? incidentId.value() : incident.title();
        }

        /** The incident's severity's name, or {@code null} while the register does not show it. */
        public String severity(IncidentId incidentId) {
            IncidentSummaryView incident = incidents.get(incidentId.value());
            return incident == null ? null : incident.severity().name();
        }
    }
}
