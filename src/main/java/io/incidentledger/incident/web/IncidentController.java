package io.incidentledger.incident.web;

import static io.incidentledger.web.IncidentPaths.incidentId;
import static io.incidentledger.web.IncidentPaths.notFound;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.incidentledger.common.LostRaces;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.containment.api.RecordContainmentAction;
import io.incidentledger.incident.api.AcknowledgeIncident;
import io.incidentledger.incident.api.AddAffectedAssets;
import io.incidentledger.incident.api.AddNote;
import io.incidentledger.incident.api.AssignIncident;
import io.incidentledger.incident.api.AttachEvidence;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.CloseIncident;
import io.incidentledger.incident.api.ContainIncident;
import io.incidentledger.incident.api.DeescalateIncident;
import io.incidentledger.incident.api.DismissIncident;
import io.incidentledger.incident.api.EradicateIncident;
import io.incidentledger.incident.api.EscalateIncident;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentPageView;
import io.incidentledger.incident.api.IncidentSource;
import io.incidentledger.incident.api.IncidentStatus;
import io.incidentledger.incident.api.IncidentView;
import io.incidentledger.incident.api.ListIncidents;
import io.incidentledger.incident.api.RecoverIncident;
import io.incidentledger.incident.api.ReopenIncident;
import io.incidentledger.incident.api.ReportIncident;
import io.incidentledger.incident.api.ResolveIncident;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.incident.api.TriageIncident;
import io.incidentledger.incident.web.IncidentRequests.AffectedAssetsRequest;
import io.incidentledger.incident.web.IncidentRequests.AssetRequest;
import io.incidentledger.incident.web.IncidentRequests.AssignmentRequest;
import io.incidentledger.incident.web.IncidentRequests.ClosureRequest;
import io.incidentledger.incident.web.IncidentRequests.ContainmentActionRequest;
import io.incidentledger.incident.web.IncidentRequests.ContainmentRequest;
import io.incidentledger.incident.web.IncidentRequests.EradicationRequest;
import io.incidentledger.incident.web.IncidentRequests.EvidenceRequest;
import io.incidentledger.incident.web.IncidentRequests.NoteRequest;
import io.incidentledger.incident.web.IncidentRequests.ReasonRequest;
import io.incidentledger.incident.web.IncidentRequests.RecoveryRequest;
import io.incidentledger.incident.web.IncidentRequests.ReportRequest;
import io.incidentledger.incident.web.IncidentRequests.ReportedResponse;
import io.incidentledger.incident.web.IncidentRequests.ResolutionRequest;
import io.incidentledger.incident.web.IncidentRequests.ReviewRequest;
import io.incidentledger.incident.web.IncidentRequests.SeverityChangeRequest;
import io.incidentledger.incident.web.IncidentRequests.TriageRequest;
import io.incidentledger.review.api.RecordPostIncidentReview;
import io.incidentledger.security.Roles;
import io.incidentledger.web.idempotency.IdempotencyFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident API: report, read, and one endpoint per lifecycle action. Actions answer 204 once their event is
 * stored; the views that {@code GET} returns follow within milliseconds.
 */
@Tag(name = "Incidents", description = "Report incidents, read them, and take each step of their lifecycle")
@RestController
@RequestMapping(path = "/api/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final IncidentReports reports;
    private final BusinessTimes times;
    private final JsonMapper jsonMapper;

    IncidentController(CommandGateway commands, QueryGateway queries, IncidentReports reports, BusinessTimes times,
                       JsonMapper jsonMapper) {
        this.commands = commands;
        this.queries = queries;
        this.reports = reports;
        this.times = times;
        this.jsonMapper = jsonMapper;
    }

    @Operation(summary = "Report an incident",
            description = "Opens an incident. With an Idempotency-Key a retry, also a concurrent one or one on "
            + "another node, gets the first answer and creates nothing; the same key with another body is 422 "
            + "idempotency-key-reused. A DETECTOR's report has source DETECTION.")
    @ApiResponse(responseCode = "201",
            description = "the incident is reported (a retry with the same Idempotency-Key: the first answer, with "
            + "Idempotent-Replayed: true)",
            headers = @Header(name = "Location", description = "the incident", schema = @Schema(type = "string")))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReportedResponse> report(
            @Valid @RequestBody ReportRequest request,
            @RequestHeader(name = IdempotencyFilter.HEADER, required = false)
            @Pattern(regexp = IdempotencyFilter.KEY_PATTERN, message = IdempotencyFilter.KEY_RULE)
            String idempotencyKey,
            Authentication principal) {
        Optional<String> key = Optional.ofNullable(idempotencyKey);
        IncidentSource source = principal.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + Roles.DETECTOR))
                ? IncidentSource.DETECTION : IncidentSource.MANUAL;
        ReportIncident command = new ReportIncident(IncidentReports.incidentIdFor(principal.getName(), key),
                request.title().strip(), request.description(), request.severity(), request.category(), source,
                times.optional(request.occurredAt(), "occurredAt"), times.orNow(request.detectedAt(), "detectedAt"));
        String digest = IncidentReports.digest(jsonMapper.writeValueAsBytes(request));
        IncidentReports.Outcome outcome = reports.report(command, key, digest);
        URI location = URI.create("/api/incidents/" + outcome.incidentId());
        ResponseEntity.BodyBuilder created = ResponseEntity.status(HttpStatus.CREATED);
        if (!outcome.created()) {
            created.header(IdempotencyFilter.REPLAYED, "true");
        }
        return created
                .location(location)
                .body(new ReportedResponse(outcome.incidentId().value()));
    }

    @Operation(summary = "List incidents",
            description = "The register, newest report first, filtered by status, severity and category; page counts "
            + "from 0, size is 1 to 200.")
    @GetMapping
    IncidentPageView list(@RequestParam(required = false) IncidentStatus status,
                          @RequestParam(required = false) Severity severity,
                          @RequestParam(required = false) Category category,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.query(new ListIncidents(status, severity, category, page, size), IncidentPageView.class)
                .join();
    }

    @Operation(summary = "Read an incident",
            description = "A regulator's read is recorded in the access log before it is answered.")
    @GetMapping("/{id}")
    IncidentView get(@PathVariable String id, Authentication principal) {
        IncidentId incidentId = incidentId(id);
        IncidentView incident = queries.query(new FindIncident(incidentId),
                        ResponseTypes.optionalInstanceOf(IncidentView.class))
                .join()
                .orElseThrow(() -> notFound(id));
        // a regulator's read is itself recorded, before it is answered (docs/compliance.md, "Access log")
        if (principal.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + Roles.REGULATOR))) {
            LostRaces.sendAndWait(commands, new RecordIncidentRead(incidentId, RecordIncidentRead.INCIDENT));
        }
        return incident;
    }

    @Operation(summary = "Acknowledge an incident", description = "Stops the acknowledgement deadline. Takes no "
            + "body.")
    @PostMapping("/{id}/acknowledgement")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void acknowledge(@PathVariable String id) {
        commands.sendAndWait(new AcknowledgeIncident(incidentId(id)));
    }

    @Operation(summary = "Triage an incident", description = "Sets severity and category, and may add affected "
            + "assets.")
    @PostMapping(path = "/{id}/triage", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void triage(@PathVariable String id, @Valid @RequestBody TriageRequest request) {
        commands.sendAndWait(new TriageIncident(incidentId(id), request.severity(), request.category(),
                request.assets(), times.orNow(request.classifiedAt(), "classifiedAt")));
    }

    @Operation(summary = "Assign a role on an incident")
    @PostMapping(path = "/{id}/assignments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void assign(@PathVariable String id, @Valid @RequestBody AssignmentRequest request) {
        commands.sendAndWait(new AssignIncident(incidentId(id), request.role(), request.assignee().strip()));
    }

    @Operation(summary = "Escalate an incident", description = "Raises its severity, with a reason.")
    @PostMapping(path = "/{id}/escalation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void escalate(@PathVariable String id, @Valid @RequestBody SeverityChangeRequest request) {
        commands.sendAndWait(new EscalateIncident(incidentId(id), request.severity(), request.reason()));
    }

    @Operation(summary = "De-escalate an incident", description = "Lowers its severity, with a reason.")
    @PostMapping(path = "/{id}/de-escalation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deescalate(@PathVariable String id, @Valid @RequestBody SeverityChangeRequest request) {
        commands.sendAndWait(new DeescalateIncident(incidentId(id), request.severity(), request.reason()));
    }

    @Operation(summary = "Add a note to an incident")
    @PostMapping(path = "/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void addNote(@PathVariable String id, @Valid @RequestBody NoteRequest request) {
        commands.sendAndWait(new AddNote(incidentId(id), request.text()));
    }

    @Operation(summary = "Attach evidence to an incident",
            description = "Records a piece of evidence by name, SHA-256 and where it is kept; the evidence itself "
            + "stays there.")
    @PostMapping(path = "/{id}/evidence", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void attachEvidence(@PathVariable String id, @Valid @RequestBody EvidenceRequest request) {
        commands.sendAndWait(new AttachEvidence(incidentId(id), request.name(),
                request.sha256().toLowerCase(Locale.ROOT), request.location(), request.description()));
    }

    @Operation(summary = "Add affected assets to an incident")
    @PostMapping(path = "/{id}/affected-assets", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void addAffectedAssets(@PathVariable String id, @Valid @RequestBody AffectedAssetsRequest request) {
        commands.sendAndWait(new AddAffectedAssets(incidentId(id), request.assets().stream()
                .map(AssetRequest::toAsset).toList(), request.reason()));
    }

    @Operation(summary = "Record a containment action taken outside the service")
    @PostMapping(path = "/{id}/containment-actions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recordContainmentAction(@PathVariable String id, @Valid @RequestBody ContainmentActionRequest request) {
        commands.sendAndWait(new RecordContainmentAction(incidentId(id), request.action(),
                request.target() == null ? null : request.target().toAsset(), request.description(),
                times.orNow(request.performedAt(), "performedAt")));
    }

    @Operation(summary = "Mark an incident contained",
            description = "The body is optional: containedAt defaults to now.")
    @PostMapping(path = "/{id}/containment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void contain(@PathVariable String id, @Valid @RequestBody(required = false) ContainmentRequest request) {
        ContainmentRequest body = request == null ? new ContainmentRequest(null, null) : request;
        commands.sendAndWait(new ContainIncident(incidentId(id), times.orNow(body.containedAt(), "containedAt"),
                body.summary()));
    }

    @Operation(summary = "Mark an incident's cause eradicated",
            description = "The body is optional: eradicatedAt defaults to now.")
    @PostMapping(path = "/{id}/eradication", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void eradicate(@PathVariable String id, @Valid @RequestBody(required = false) EradicationRequest request) {
        EradicationRequest body = request == null ? new EradicationRequest(null, null) : request;
        commands.sendAndWait(new EradicateIncident(incidentId(id), times.orNow(body.eradicatedAt(), "eradicatedAt"),
                body.summary()));
    }

    @Operation(summary = "Mark an incident recovered",
            description = "The body is optional: recoveredAt defaults to now.")
    @PostMapping(path = "/{id}/recovery", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recover(@PathVariable String id, @Valid @RequestBody(required = false) RecoveryRequest request) {
        RecoveryRequest body = request == null ? new RecoveryRequest(null, null) : request;
        commands.sendAndWait(new RecoverIncident(incidentId(id), times.orNow(body.recoveredAt(), "recoveredAt"),
                body.summary()));
    }

    @Operation(summary = "Resolve an incident")
    @PostMapping(path = "/{id}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resolve(@PathVariable String id, @Valid @RequestBody ResolutionRequest request) {
        commands.sendAndWait(new ResolveIncident(incidentId(id), request.summary(),
                times.orNow(request.resolvedAt(), "resolvedAt")));
    }

    @Operation(summary = "Record the post-incident review",
            description = "Root cause, lessons learned and action items, once resolved; an incident that was ever HIGH "
            + "or CRITICAL closes only after it.")
    @PostMapping(path = "/{id}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void review(@PathVariable String id, @Valid @RequestBody ReviewRequest request) {
        commands.sendAndWait(new RecordPostIncidentReview(incidentId(id), request.rootCause(),
                request.lessonsLearned(), request.actionItems() == null ? List.of() : request.actionItems()));
    }

    @Operation(summary = "Close an incident", description = "The body is optional: closedAt defaults to now.")
    @PostMapping(path = "/{id}/closure", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void close(@PathVariable String id, @Valid @RequestBody(required = false) ClosureRequest request) {
        ClosureRequest body = request == null ? new ClosureRequest(null) : request;
        commands.sendAndWait(new CloseIncident(incidentId(id), times.orNow(body.closedAt(), "closedAt")));
    }

    @Operation(summary = "Dismiss an incident", description = "A false positive or a duplicate, with a reason.")
    @PostMapping(path = "/{id}/dismissal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void dismiss(@PathVariable String id, @Valid @RequestBody ReasonRequest request) {
        commands.sendAndWait(new DismissIncident(incidentId(id), request.reason()));
    }

    @Operation(summary = "Reopen an incident", description = "With a reason.")
    @PostMapping(path = "/{id}/reopening", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reopen(@PathVariable String id, @Valid @RequestBody ReasonRequest request) {
        commands.sendAndWait(new ReopenIncident(incidentId(id), request.reason()));
    }
}
