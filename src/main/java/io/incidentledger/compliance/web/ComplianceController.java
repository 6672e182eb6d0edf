package io.incidentledger.compliance.web;

import static io.incidentledger.web.IncidentPaths.incidentId;
import static io.incidentledger.web.IncidentPaths.incidentIdParameter;
import static io.incidentledger.web.IncidentPaths.notFound;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.compliance.access.AccessLogQueries;
import io.incidentledger.compliance.access.IncidentReads;
import io.incidentledger.compliance.access.api.AccessLogPage;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.compliance.api.AuditTrail;
import io.incidentledger.compliance.query.AuditTrails;
import io.incidentledger.compliance.query.ResponseMetrics;
import io.incidentledger.compliance.query.ResponseMetrics.Group;
import io.incidentledger.compliance.query.ResponseMetrics.Period;
import io.incidentledger.compliance.query.ResponseMetrics.SeverityBasis;
import io.incidentledger.compliance.query.ResponseMetricsQueries;
import io.incidentledger.incident.api.IncidentId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What regulators read (docs/compliance.md): an incident's audit trail with proofs, the access log of who read which
 * incident, and response metrics computed only from events. Every read of a per-incident view is itself recorded
 * in the incident's access log before it is answered.
 */
@Tag(name = "Compliance",
        description = "What regulators read: registers, obligations, audit trails, the access log, metrics, reports")
@RestController
@RequestMapping(path = "/api/compliance", produces = MediaType.APPLICATION_JSON_VALUE)
class ComplianceController {

    private final AuditTrails auditTrails;
    private final ResponseMetricsQueries metrics;
    private final AccessLogQueries accessLog;
    private final IncidentReads reads;

    ComplianceController(AuditTrails auditTrails, ResponseMetricsQueries metrics, AccessLogQueries accessLog,
                         IncidentReads reads) {
        this.auditTrails = auditTrails;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.reads = reads;
    }

    @Operation(summary = "Read an incident's audit trail",
            description = "Every event of the incident with who caused it; a regulator's read is recorded in the "
            + "access log.")
    @GetMapping("/incidents/{id}/audit-trail")
    AuditTrail auditTrail(@PathVariable String id) {
        IncidentId incidentId = incidentId(id);
        AuditTrail trail = auditTrails.of(incidentId).orElseThrow(() -> notFound(id));
        reads.record(incidentId, RecordIncidentRead.AUDIT_TRAIL);
        return trail;
    }

    /**
     * @param from   incidents detected at or after this instant
     * @param to     incidents detected before this instant
     * @param period {@code all} (default) or {@code month}: one group per UTC calendar month of detection
     * @param basis  {@code current} (default) or {@code highest}: which severity an incident is counted under
     */
    @Operation(summary = "Read response metrics",
            description = "Times to acknowledge, contain and resolve, by severity, over a period.")
    @GetMapping("/metrics")
    ResponseMetricsView metrics(@RequestParam(required = false) Instant from,
                                @RequestParam(required = false) Instant to,
                                @RequestParam(defaultValue = "all") String period,
                                @RequestParam(defaultValue = "current") String basis) {
        requireOrdered(from, to);
        Period grouping = option(Period.class, "period", period);
        SeverityBasis severityBasis = option(SeverityBasis.class, "basis", basis);
        return new ResponseMetricsView(from, to, grouping.name().toLowerCase(Locale.ROOT),
                severityBasis.name().toLowerCase(Locale.ROOT), ResponseMetrics.PERCENTILE_METHOD,
                metrics.metrics(from, to, grouping, severityBasis));
    }

    /**
     * @param from reads at or after this instant
     * @param to   reads before this instant
     */
    @Operation(summary = "Read the access log", description = "Who read which incident's records, and when.")
    @GetMapping("/access-log")
    AccessLogPage accessLog(@RequestParam(required = false) String incidentId,
                            @RequestParam(required = false) String reader,
                            @RequestParam(required = false) Instant from,
                            @RequestParam(required = false) Instant to,
                            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        requireOrdered(from, to);
        String incident = incidentId == null ? null : incidentIdParameter("incidentId", incidentId).value();
        return accessLog.find(incident, reader, from, to, page, size);
    }

    /**
     * Response metrics: one group per period and severity with incidents in it.
     *
     * @param period           {@code all} or {@code month}
     * @param severityBasis    {@code current} or {@code highest}
     * @param percentileMethod how median and p90 are taken ({@code nearest-rank})
     */
    record ResponseMetricsView(Instant from, Instant to, String period, String severityBasis,
                               String percentileMethod, List<Group> groups) {
    }

    private static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw CommandRefusedException.invalid("invalid-period",
                    "from (" + from + ") must be before to (" + to + ")");
        }
    }

    private static <E extends Enum<E>> E option(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw CommandRefusedException.invalid("invalid-parameter", "parameter '" + name + "' has an invalid value");
        }
    }
}
