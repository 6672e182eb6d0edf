package io.incidentledger.incident.web;

import static io.incidentledger.web.IncidentPaths.incidentId;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.incidentledger.common.Limits;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.IncidentId;
import io.incidentledger.incident.query.IncidentQueries;
import io.incidentledger.review.api.AddReviewActionItem;
import io.incidentledger.review.api.CloseReviewActionItem;
import io.incidentledger.review.api.LessonsLearnedView;
import io.incidentledger.review.api.RecordContributingFactor;
import io.incidentledger.review.api.RecordProcedureChange;
import io.incidentledger.review.api.StartReviewActionItem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The post-incident review's follow-up, which goes on after the incident closes: action items with owner, due date
 * and closing evidence, contributing factors, changes made to playbooks or procedures; and the lessons learned
 * across incidents.
 */
@Tag(name = "Post-incident review",
        description = "The review's follow-up: action items, contributing factors, procedure changes, lessons "
        + "learned")
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentReviewController {

    private static final String REVIEW = "/api/incidents/{id}/review";

    private final CommandGateway commands;
    private final IncidentQueries queries;

    IncidentReviewController(CommandGateway commands, IncidentQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    record ActionItemRequest(@NotBlank @Size(max = Limits.DESCRIPTION) String description,
                             @NotBlank @Size(max = Limits.NAME) String owner,
                             @NotNull LocalDate dueDate) {
    }

    record ActionItemAdded(String itemId) {
    }

    record ActionItemClosureRequest(@NotBlank @Size(max = Limits.TEXT) String evidence) {
    }

    record FactorRequest(@NotBlank @Size(max = Limits.TEXT) String factor) {
    }

    record ProcedureChangeRequest(@NotBlank @Size(max = Limits.TEXT) String description,
                                  @Size(max = Limits.DESCRIPTION) String reference) {
    }

    @Operation(summary = "Add an action item to the review", description = "Answers the new item's id.")
    @ApiResponse(responseCode = "201", description = "the action item is added",
            headers = @Header(name = "Location", description = "the incident", schema = @Schema(type = "string")))
    @PostMapping(path = REVIEW + "/action-items", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ActionItemAdded> addActionItem(@PathVariable String id,
                                                  @Valid @RequestBody ActionItemRequest request) {
        IncidentId incidentId = incidentId(id);
        String itemId = commands.sendAndWait(new AddReviewActionItem(incidentId, request.description(),
                request.owner(), request.dueDate()));
        return ResponseEntity.created(URI.create("/api/incidents/" + incidentId)).body(new ActionItemAdded(itemId));
    }

    @Operation(summary = "Start an action item")
    @PostMapping(REVIEW + "/action-items/{itemId}/start")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void start(@PathVariable String id, @PathVariable String itemId) {
        commands.sendAndWait(new StartReviewActionItem(incidentId(id), itemId));
    }

    @Operation(summary = "Close an action item", description = "With the evidence that it is done.")
    @PostMapping(path = REVIEW + "/action-items/{itemId}/closure", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void close(@PathVariable String id, @PathVariable String itemId,
               @Valid @RequestBody ActionItemClosureRequest request) {
        commands.sendAndWait(new CloseReviewActionItem(incidentId(id), itemId, request.evidence()));
    }

    @Operation(summary = "Record a contributing factor")
    @PostMapping(path = REVIEW + "/contributing-factors", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void factor(@PathVariable String id, @Valid @RequestBody FactorRequest request) {
        commands.sendAndWait(new RecordContributingFactor(incidentId(id), request.factor()));
    }

    @Operation(summary = "Record a change to a playbook or procedure")
    @PostMapping(path = REVIEW + "/procedure-changes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void procedureChange(@PathVariable String id, @Valid @RequestBody ProcedureChangeRequest request) {
        commands.sendAndWait(new RecordProcedureChange(incidentId(id), request.description(), request.reference()));
    }

    @Operation(summary = "List lessons learned across incidents",
            description = "Reviewed incidents, filtered by category, or only those with open action items.")
    @GetMapping("/api/compliance/lessons-learned")
    List<LessonsLearnedView> lessonsLearned(@RequestParam(required = false) Category category,
                                            @RequestParam(defaultValue = "false") boolean openActionItems) {
        return queries.lessonsLearned(category, openActionItems);
    }
}
