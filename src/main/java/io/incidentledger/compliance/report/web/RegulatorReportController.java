package io.incidentledger.compliance.report.web;

import static io.incidentledger.web.IncidentPaths.incidentId;
import static io.incidentledger.web.IncidentPaths.notFound;

import java.nio.charset.StandardCharsets;
import java.security.Principal;

import io.incidentledger.compliance.access.IncidentReads;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.compliance.api.RegulatorReportView;
import io.incidentledger.compliance.report.RegulatorReportHtml;
import io.incidentledger.compliance.report.RegulatorReports;
import io.incidentledger.incident.api.IncidentId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The regulator's report on one incident, as JSON and as a printable HTML page with the same sections. Obligation
 * statuses are judged at the time of the request.
 */
@Tag(name = "Compliance")
@RestController
@RequestMapping("/api/compliance/incidents/{id}")
class RegulatorReportController {

    static final MediaType TEXT_HTML_UTF8 = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final RegulatorReports reports;
    private final RegulatorReportHtml pages;
    private final IncidentReads reads;

    RegulatorReportController(RegulatorReports reports, RegulatorReportHtml pages, IncidentReads reads) {
        this.reports = reports;
        this.pages = pages;
        this.reads = reads;
    }

    @Operation(summary = "Read an incident's regulator report",
            description = "The facts, timeline and obligations a regulator asks for; the read is recorded in the "
            + "access log.")
    @GetMapping(path = "/report", produces = MediaType.APPLICATION_JSON_VALUE)
    RegulatorReportView report(@PathVariable String id, Principal principal) {
        return find(id, principal);
    }

    // a 404 is still answered as problem+json to a client that asked for HTML: errors negotiate on their own
    @Operation(summary = "Read an incident's regulator report as HTML",
            description = "The same report as a printable page.")
    @ApiResponse(responseCode = "200", description = "the report as an HTML page",
            content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
    @GetMapping(path = "/report.html", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> html(@PathVariable String id, Principal principal) {
        RegulatorReportView report = find(id, principal);
        return ResponseEntity.ok()
                .contentType(TEXT_HTML_UTF8)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
                        + " form-action 'none'; frame-ancestors 'none'")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"incident-" + report.incident()
                        .incidentId() + "-report.html\"")
                .body(pages.render(report));
    }

    private RegulatorReportView find(String id, Principal principal) {
        IncidentId incidentId = incidentId(id);
        RegulatorReportView report = reports.report(incidentId, principal.getName())
                .orElseThrow(() -> notFound(id));
        // who read which incident's report, and when, is itself recorded (docs/compliance.md, "Access log")
        reads.record(incidentId, RecordIncidentRead.REPORT);
        return report;
    }
}
