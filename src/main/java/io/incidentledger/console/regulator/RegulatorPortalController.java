package io.incidentledger.console.regulator;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.incidentledger.common.LostRaces;
import io.incidentledger.compliance.access.api.AccessLogPage;
import io.incidentledger.compliance.access.api.ListIncidentReads;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.compliance.api.AuditTrail;
import io.incidentledger.compliance.api.FindAuditTrail;
import io.incidentledger.compliance.api.FindRegulatorReport;
import io.incidentledger.compliance.api.ListComplianceRegister;
import io.incidentledger.compliance.api.ListObligations;
import io.incidentledger.compliance.api.ListResponseMetricsSeries;
import io.incidentledger.compliance.api.ListResponseMetricsSeries.Bucket;
import io.incidentledger.compliance.api.ObligationPageView;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegisterPageView;
import io.incidentledger.compliance.api.RegulatorReportView;
import io.incidentledger.compliance.api.ResponseMetricsSeriesView;
import io.incidentledger.console.LiveWait;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.web.IncidentPaths;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The regulator portal: read-only pages over what the compliance API serves (docs/console-regulator.md). Each page
 * asks the compliance feature the query behind the matching API endpoint, and where that endpoint records the read of
 * an incident (the report, the audit trail) the page records the same read, in the same way, before it answers.
 * Dates in the filters are UTC calendar days: "from" is the first day included, "before" the first day left out.
 */
@Controller
@Validated
class RegulatorPortalController {

    static final int PAGE_SIZE = 25;
    static final int ACCESS_LOG_PAGE_SIZE = 50;
    static final String PERIOD_PROBLEM = "The first day must come before the day the period ends.";

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final LiveWait liveWait;

    RegulatorPortalController(QueryGateway queries, CommandGateway commands, LiveWait liveWait) {
        this.queries = queries;
        this.commands = commands;
        this.liveWait = liveWait;
    }

    @GetMapping(path = {"/console/regulator", "/console/regulator/"}, produces = MediaType.TEXT_HTML_VALUE)
    String register(@RequestParam(required = false) IncidentStatus status,
                    @RequestParam(required = false) Severity severity,
                    @RequestParam(required = false) Category category,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                    @RequestParam(required = false) String waitFor,
                    Model model, HttpServletResponse response) {
        liveWait.untilShown(waitFor);
        PortalQuery filters = new PortalQuery()
                .with("status", status).with("severity", severity).with("category", category)
                .with("from", from).with("to", to);
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", List.of(IncidentStatus.values()));
        model.addAttribute("severities", List.of(Severity.values()));
        model.addAttribute("categories", List.of(Category.values()));
        if (refusedPeriod(from, to, model, response)) {
            return "console/regulator/register";
        }
        RegisterPageView register = queries.query(new ListComplianceRegister(status, severity, category, start(from),
                start(to), page, PAGE_SIZE), ResponseTypes.instanceOf(RegisterPageView.class)).join();
        model.addAttribute("register", register);
        model.addAttribute("csv", UriComponentsBuilder.fromPath("/api/compliance/register.csv")
                .queryParamIfPresent("status", Optional.ofNullable(status))
                .queryParamIfPresent("severity", Optional.ofNullable(severity))
                .queryParamIfPresent("category", Optional.ofNullable(category))
                .queryParamIfPresent("from", Optional.ofNullable(start(from)))
                .queryParamIfPresent("to", Optional.ofNullable(start(to))).encode().build().toUriString());
        return "console/regulator/register";
    }

    @GetMapping(path = "/console/regulator/obligations", produces = MediaType.TEXT_HTML_VALUE)
    String obligations(@RequestParam(required = false) Regime regime,
                       @RequestParam(required = false) ObligationStatus status,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                       @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                       @RequestParam(required = false) String waitFor,
                       Model model, HttpServletResponse response) {
        liveWait.untilShown(waitFor);
        PortalQuery filters = new PortalQuery().with("regime", regime).with("status", status)
                .with("from", from).with("to", to);
        model.addAttribute("filters", filters);
        model.addAttribute("regimes", List.of(Regime.values()));
        model.addAttribute("statuses", List.of(ObligationStatus.values()));
        if (refusedPeriod(from, to, model, response)) {
            return "console/regulator/obligations";
        }
        ObligationPageView obligations = queries.query(new ListObligations(regime, status, start(from), start(to),
                page, PAGE_SIZE), ResponseTypes.instanceOf(ObligationPageView.class)).join();
        model.addAttribute("obligations", obligations);
        return "console/regulator/obligations";
    }

    @GetMapping(path = "/console/regulator/incidents/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String incident(@PathVariable String id, Principal principal, Model model, HttpServletResponse response) {
        Optional<IncidentId> incidentId = IncidentPaths.parse(id);
        Optional<RegulatorReportView> report = incidentId.flatMap(known -> queries.query(
                new FindRegulatorReport(known, principal.getName()),
                ResponseTypes.optionalInstanceOf(RegulatorReportView.class)).join());
        if (report.isEmpty()) {
            return notFound(id, model, response);
        }
        IncidentId incident = incidentId.get();
        Optional<AuditTrail> trail = queries.query(new FindAuditTrail(incident),
                ResponseTypes.optionalInstanceOf(AuditTrail.class)).join();
        // the page shows the report and the audit trail: both reads are recorded, as the API records them, before
        // the page is answered (docs/compliance.md, "Access log")
        LostRaces.sendAndWait(commands, new RecordIncidentRead(incident, RecordIncidentRead.REPORT));
        if (trail.isPresent()) {
            LostRaces.sendAndWait(commands, new RecordIncidentRead(incident, RecordIncidentRead.AUDIT_TRAIL));
        }
        model.addAttribute("incidentId", incident.value());
        model.addAttribute("report", report.get());
        model.addAttribute("trail", trail.map(AuditTrail::events).orElse(List.of()));
        model.addAttribute("treeSize", report.get().ledger().treeSize());
        return "console/regulator/incident";
    }

    @GetMapping(path = "/console/regulator/metrics", produces = MediaType.TEXT_HTML_VALUE)
    String metrics(@RequestParam(defaultValue = "MONTH") Bucket bucket,
                   @RequestParam(required = false) Severity severity,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                   Model model, HttpServletResponse response) {
        PortalQuery filters = new PortalQuery().with("bucket", bucket).with("severity", severity)
                .with("from", from).with("to", to);
        model.addAttribute("filters", filters);
        model.addAttribute("buckets", List.of(Bucket.values()));
        model.addAttribute("severities", List.of(Severity.values()));
        if (refusedPeriod(from, to, model, response)) {
            model.addAttribute("charts", List.of());
            return "console/regulator/metrics";
        }
        ResponseMetricsSeriesView series = queries.query(new ListResponseMetricsSeries(start(from), start(to), bucket,
                severity), ResponseTypes.instanceOf(ResponseMetricsSeriesView.class)).join();
        model.addAttribute("series", series);
        model.addAttribute("charts", MetricCharts.of(series));
        return "console/regulator/metrics";
    }

    @GetMapping(path = "/console/regulator/access-log", produces = MediaType.TEXT_HTML_VALUE)
    String accessLog(@RequestParam(required = false) @Size(max = 200) String incidentId,
                     @RequestParam(required = false) @Size(max = 200) String reader,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                     Model model, HttpServletResponse response) {
        String incident = blankToNull(incidentId);
        String who = blankToNull(reader);
        PortalQuery filters = new PortalQuery().with("incidentId", incident).with("reader", who)
                .with("from", from).with("to", to);
        model.addAttribute("filters", filters);
        List<String> problems = new ArrayList<>();
        Optional<IncidentId> parsed = incident == null ? Optional.empty() : IncidentPaths.parse(incident);
        if (incident != null && parsed.isEmpty()) {
            problems.add("The incident id must be a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e.");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(PERIOD_PROBLEM);
        }
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            response.setStatus(422);
            return "console/regulator/access-log";
        }
        AccessLogPage log = queries.query(new ListIncidentReads(parsed.map(IncidentId::value).orElse(null), who,
                start(from), start(to), page, ACCESS_LOG_PAGE_SIZE), ResponseTypes.instanceOf(AccessLogPage.class))
                .join();
        model.addAttribute("log", log);
        model.addAttribute("totalPages", (int) ((log.totalItems() + ACCESS_LOG_PAGE_SIZE - 1) / ACCESS_LOG_PAGE_SIZE));
        return "console/regulator/access-log";
    }

    private static boolean refusedPeriod(LocalDate from, LocalDate to, Model model, HttpServletResponse response) {
        if (from != null && to != null && !from.isBefore(to)) {
            model.addAttribute("problems", List.of(PERIOD_PROBLEM));
            response.setStatus(422);
            return true;
        }
        return false;
    }

    private static String notFound(String id, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("missingId", id);
        return "console/regulator/not-found";
    }

    private static Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
