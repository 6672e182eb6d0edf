package io.incidentledger.compliance.obligations.web;

import static io.incidentledger.web.IncidentPaths.notFound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.compliance.access.IncidentReads;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.compliance.api.ObligationPageView;
import io.incidentledger.compliance.api.ObligationStatus;
import io.incidentledger.compliance.api.ObligationView;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegisterEntryView;
import io.incidentledger.compliance.api.RegisterPageView;
import io.incidentledger.compliance.obligations.ComplianceViews;
import io.incidentledger.compliance.obligations.Csv;
import io.incidentledger.compliance.obligations.IncidentObligationsView;
import io.incidentledger.compliance.obligations.ObligationFilter;
import io.incidentledger.compliance.obligations.RegisterFilter;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.Severity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The regulator's read-only views: the compliance register and the reporting obligations, as JSON pages and as CSV.
 * Statuses are judged at the time of the request. Periods are ISO-8601 instants, {@code from} inclusive and
 * {@code to} exclusive.
 */
@Tag(name = "Compliance")
@RestController
@RequestMapping("/api/compliance")
class ComplianceObligationsController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    static final List<String> REGISTER_COLUMNS = List.of("incident_id", "title", "category", "severity", "status",
            "occurred_at", "detected_at", "aware_at", "gdpr_classified_at", "gdpr_high_risk", "nis2_classified_at",
            "dora_classified_at", "materiality_determined_at", "material", "hipaa_discovered_at",
            "nydfs_determined_at", "extortion_paid_at", "contained_at", "resolved_at", "closed_at", "regimes",
            "regimes_assessed");

    static final List<String> OBLIGATION_COLUMNS = List.of("incident_id", "regime", "stage", "status", "anchor",
            "anchored_at", "due_at", "grace_until", "last_on_time_at", "submitted_at", "evaluated_at");

    private final ComplianceViews views;
    private final Clock clock;
    private final IncidentReads reads;

    ComplianceObligationsController(ComplianceViews views, Clock clock, IncidentReads reads) {
        this.views = views;
        this.clock = clock;
        this.reads = reads;
    }

    @Operation(summary = "Read the compliance register",
            description = "One entry per incident with the facts regulatory clocks start from.")
    @GetMapping(path = "/register", produces = MediaType.APPLICATION_JSON_VALUE)
    RegisterPageView register(@RequestParam(required = false) IncidentStatus status,
                              @RequestParam(required = false) Severity severity,
                              @RequestParam(required = false) Category category,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                              Instant from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                              Instant to,
                              @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                              @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return views.register(new RegisterFilter(status, severity, category, from, period(from, to)), page, size);
    }

    @Operation(summary = "Export the compliance register as CSV")
    @ApiResponse(responseCode = "200", description = "the register as CSV (an attachment)",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping(path = "/register.csv", produces = "text/csv")
    ResponseEntity<String> registerCsv(@RequestParam(required = false) IncidentStatus status,
                                       @RequestParam(required = false) Severity severity,
                                       @RequestParam(required = false) Category category,
                                       @RequestParam(required = false)
                                       @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                       @RequestParam(required = false)
                                       @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        List<List<?>> rows = new ArrayList<>();
        for (RegisterEntryView entry : views.registerEntries(
                new RegisterFilter(status, severity, category, from, period(from, to)))) {
            rows.add(List.of(entry.incidentId(), entry.title(), entry.category(), entry.severity(), entry.status(),
                    text(entry.occurredAt()), text(entry.detectedAt()), text(entry.awareAt()),
                    text(entry.gdprClassifiedAt()), entry.gdprHighRisk(), text(entry.nis2ClassifiedAt()),
                    text(entry.doraClassifiedAt()), text(entry.materialityDeterminedAt()), text(entry.material()),
                    text(entry.hipaaDiscoveredAt()), text(entry.nydfsDeterminedAt()), text(entry.extortionPaidAt()),
                    text(entry.containedAt()), text(entry.resolvedAt()), text(entry.closedAt()),
                    String.join(" ", entry.regimes().stream().map(Regime::name).toList()),
                    entry.regimesAssessed()));
        }
        return csv("compliance-register.csv", Csv.of(REGISTER_COLUMNS, rows));
    }

    @Operation(summary = "List reporting obligations",
            description = "Deadlines across incidents, filtered by regime, status and period.")
    @GetMapping(path = "/obligations", produces = MediaType.APPLICATION_JSON_VALUE)
    ObligationPageView obligations(@RequestParam(required = false) Regime regime,
                                   @RequestParam(required = false) ObligationStatus status,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                   Instant from,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                   Instant to,
                                   @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return views.obligations(new ObligationFilter(regime, status, from, period(from, to)), clock.instant(), page,
                size);
    }

    @Operation(summary = "Export reporting obligations as CSV")
    @ApiResponse(responseCode = "200", description = "the obligations as CSV (an attachment)",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping(path = "/obligations.csv", produces = "text/csv")
    ResponseEntity<String> obligationsCsv(@RequestParam(required = false) Regime regime,
                                          @RequestParam(required = false) ObligationStatus status,
                                          @RequestParam(required = false)
                                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                          @RequestParam(required = false)
                                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Instant now = clock.instant();
        List<List<?>> rows = new ArrayList<>();
        for (ObligationView obligation : views.obligationEntries(
                new ObligationFilter(regime, status, from, period(from, to)), now)) {
            rows.add(List.of(obligation.incidentId(), obligation.regime(), obligation.stage(), obligation.status(),
                    obligation.anchor(), text(obligation.anchoredAt()), text(obligation.dueAt()),
                    text(obligation.graceUntil()), text(obligation.lastOnTimeAt()), text(obligation.submittedAt()),
                    now.toString()));
        }
        return csv("compliance-obligations.csv", Csv.of(OBLIGATION_COLUMNS, rows));
    }

    @Operation(summary = "Read an incident's reporting obligations")
    @GetMapping(path = "/incidents/{id}/obligations", produces = MediaType.APPLICATION_JSON_VALUE)
    IncidentObligationsView incidentObligations(@PathVariable String id) {
        IncidentObligationsView view = views.incident(id, clock.instant())
                .orElseThrow(() -> notFound(id));
        // who read which incident's obligations, and when, is itself recorded (docs/compliance.md, "Access log")
        reads.record(new IncidentId(view.incidentId()), RecordIncidentRead.OBLIGATIONS);
        return view;
    }

    private static Instant period(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw CommandRefusedException.invalid("invalid-period",
                    "from (" + from + ") must be before to (" + to + ")");
        }
        return to;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static ResponseEntity<String> csv(String fileName, String body) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .body(body);
    }
}
