package io.incidentledger.containment.web;

import static io.incidentledger.web.IncidentPaths.incidentId;
import static io.incidentledger.web.IncidentPaths.notFound;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Limits;
import io.incidentledger.containment.api.ApproveContainmentStep;
import io.incidentledger.containment.api.ContainmentStepAction;
import io.incidentledger.containment.api.ContainmentStepView;
import io.incidentledger.containment.api.RefuseContainmentStep;
import io.incidentledger.containment.api.RequestContainmentStep;
import io.incidentledger.containment.api.RetryContainmentStep;
import io.incidentledger.containment.query.ContainmentStepProjection;
import io.incidentledger.containment.saga.ManualSteps;
import io.incidentledger.containment.saga.StepIds;
import io.incidentledger.incident.api.AffectedAsset;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.incident.api.FindIncident;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.api.IncidentView;
import io.incidentledger.web.NotFoundException;
import io.incidentledger.web.idempotency.IdempotencyFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An incident's containment: the steps its playbooks and commanders asked for, and what commanders do with them
 * (approve, refuse, retry, or ask for a step by hand, including the undo of an earlier one).
 */
@Tag(name = "Containment steps",
        description = "Steps that act on signing keys, nodes, contracts and withdrawals, and what commanders do with "
        + "them")
@RestController
@RequestMapping(path = "/api/incidents/{id}/containment", produces = MediaType.APPLICATION_JSON_VALUE)
public class ContainmentController {

    private static final String STEP_ID = "step-[0-9a-f]{24}";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ContainmentStepProjection steps;

    public ContainmentController(CommandGateway commands, QueryGateway queries, ContainmentStepProjection steps) {
        this.commands = commands;
        this.queries = queries;
        this.steps = steps;
    }

    /** A step a commander asks for by hand; the request is its own approval. */
    record StepRequest(@NotNull ContainmentStepAction action, @Valid TargetRequest target,
                       @NotBlank @Size(max = Limits.TEXT) String reason) {
    }

    record TargetRequest(@NotNull AssetType type, @NotBlank @Size(max = Limits.NAME) String identifier,
                         @Size(max = Limits.CHAIN) String chain) {

        AffectedAsset toAsset() {
            return new AffectedAsset(type, identifier, chain == null || chain.isBlank() ? null : chain);
        }
    }

    record ApprovalRequest(@Size(max = Limits.TEXT) String comment) {
    }

    record RefusalRequest(@NotBlank @Size(max = Limits.TEXT) String reason) {
    }

    record StepCreated(String stepId) {
    }

    @Operation(summary = "List an incident's containment steps")
    @GetMapping("/steps")
    List<ContainmentStepView> list(@PathVariable String id) {
        IncidentId incidentId = existing(id);
        return steps.steps(incidentId);
    }

    @Operation(summary = "Request a containment step",
            description = "A step by hand, including the undo of an earlier one; it runs at once, the commander's "
            + "request being its approval. An Idempotency-Key makes a repeat return the same step.")
    @ApiResponse(responseCode = "201", description = "the step is requested",
            headers = @Header(name = "Location", description = "the step", schema = @Schema(type = "string")))
    @PostMapping(path = "/steps", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StepCreated> request(
            @PathVariable String id, @Valid @RequestBody StepRequest request,
            @RequestHeader(name = IdempotencyFilter.HEADER, required = false)
            @Pattern(regexp = IdempotencyFilter.KEY_PATTERN, message = IdempotencyFilter.KEY_RULE)
            String idempotencyKey) {
        IncidentId incidentId = incidentId(id);
        AffectedAsset target = request.target() == null ? null : request.target().toAsset();
        String stepId = StepIds.manual(incidentId, request.action(), target,
                Optional.ofNullable(idempotencyKey).orElseGet(() -> UUID.randomUUID().toString()));
        commands.sendAndWait(new RequestContainmentStep(incidentId, stepId, ManualSteps.PLAYBOOK, request.action(),
                target, false, request.reason()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/incidents/" + incidentId + "/containment/steps/" + stepId))
                .body(new StepCreated(stepId));
    }

    @Operation(summary = "Read a containment step")
    @GetMapping("/steps/{stepId}")
    ContainmentStepView get(@PathVariable String id, @PathVariable String stepId) {
        IncidentId incidentId = existing(id);
        return steps.steps(incidentId).stream().filter(step -> step.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> new NotFoundException("step-not-found",
                        "incident " + id + " has no containment step " + stepId));
    }

    @Operation(summary = "Approve a containment step", description = "The step runs through its port once approved.")
    @PostMapping(path = "/steps/{stepId}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void approve(@PathVariable String id, @PathVariable String stepId, @Valid @RequestBody ApprovalRequest request) {
        commands.sendAndWait(new ApproveContainmentStep(incidentId(id), step(id, stepId), request.comment()));
    }

    @Operation(summary = "Refuse a containment step", description = "With a reason; the step does not run.")
    @PostMapping(path = "/steps/{stepId}/refusal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void refuse(@PathVariable String id, @PathVariable String stepId, @Valid @RequestBody RefusalRequest request) {
        commands.sendAndWait(new RefuseContainmentStep(incidentId(id), step(id, stepId), request.reason()));
    }

    @Operation(summary = "Retry a failed containment step", description = "Takes no body.")
    @PostMapping("/steps/{stepId}/retry")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void retry(@PathVariable String id, @PathVariable String stepId) {
        commands.sendAndWait(new RetryContainmentStep(incidentId(id), step(id, stepId)));
    }

    private IncidentId existing(String id) {
        IncidentId incidentId = incidentId(id);
        queries.query(new FindIncident(incidentId), ResponseTypes.optionalInstanceOf(IncidentView.class)).join()
                .orElseThrow(() -> notFound(id));
        return incidentId;
    }

    private static String step(String id, String stepId) {
        if (!stepId.matches(STEP_ID)) {
            throw CommandRefusedException.notFound("step-not-found", "incident " + id + " has no containment step "
                    + stepId);
        }
        return stepId;
    }
}
