package io.incidentledger.incident.web;

import static io.incidentledger.web.IncidentPaths.incidentId;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.incidentledger.common.Limits;
import io.incidentledger.compliance.api.AssessRegimes;
import io.incidentledger.compliance.api.DetermineMateriality;
import io.incidentledger.compliance.api.RecordAwareness;
import io.incidentledger.compliance.api.RecordExtortionPayment;
import io.incidentledger.compliance.api.RecordRegulatoryClassification;
import io.incidentledger.compliance.api.RecordReportSubmission;
import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.RegulatoryClassification;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.incident.api.IncidentId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The facts regulatory clocks start from, and the reports submitted, recorded on the incident by a commander. Each
 * request is one timestamped event; times default to the request's time and may not lie in the future.
 */
@Tag(name = "Compliance facts",
        description = "Facts regulatory clocks start from, and the reports submitted to authorities")
@RestController
@RequestMapping(path = "/api/incidents/{id}/compliance", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentComplianceController {

    private final CommandGateway commands;
    private final BusinessTimes times;

    IncidentComplianceController(CommandGateway commands, BusinessTimes times) {
        this.commands = commands;
        this.times = times;
    }

    record AwarenessRequest(Instant awareAt, @NotBlank @Size(max = Limits.TEXT) String basis) {
    }

    record ClassificationRequest(@NotNull RegulatoryClassification classification, Instant classifiedAt,
                                 @Size(max = Limits.ITEMS)
                                 Map<@NotBlank @Size(max = Limits.STATE) String, @NotNull @Min(0) Integer>
                                         affectedByState,
                                 @NotBlank @Size(max = Limits.TEXT) String rationale) {
    }

    record MaterialityRequest(Instant determinedAt, @NotNull Boolean material,
                              @NotBlank @Size(max = Limits.TEXT) String rationale) {
    }

    record ExtortionPaymentRequest(Instant paidAt, @NotBlank @Size(max = Limits.TEXT) String description) {
    }

    record RegimesRequest(@NotNull @Size(max = 20) List<@NotNull Regime> regimes,
                          @NotBlank @Size(max = Limits.TEXT) String rationale) {
    }

    record SubmissionRequest(@NotNull Stage stage, Instant submittedAt,
                             @NotBlank @Size(max = Limits.NAME) String authorityReference,
                             @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hexadecimal digits")
                             String reportSha256) {
    }

    @Operation(summary = "Record when the organisation became aware",
            description = "Starts the clocks that run from awareness; awareAt defaults to now and may not lie in the "
            + "future.")
    @PostMapping(path = "/awareness", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void awareness(@PathVariable String id, @Valid @RequestBody AwarenessRequest request) {
        commands.sendAndWait(new RecordAwareness(incidentId(id), times.orNow(request.awareAt(), "awareAt"),
                request.basis()));
    }

    @Operation(summary = "Record a regulatory classification",
            description = "E.g. a major ICT-related incident under DORA, or a personal data breach under GDPR.")
    @PostMapping(path = "/classifications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void classify(@PathVariable String id, @Valid @RequestBody ClassificationRequest request) {
        commands.sendAndWait(new RecordRegulatoryClassification(incidentId(id), request.classification(),
                times.orNow(request.classifiedAt(), "classifiedAt"), request.affectedByState(),
                request.rationale()));
    }

    @Operation(summary = "Record the materiality determination",
            description = "Starts the SEC Form 8-K clock when the incident is material.")
    @PostMapping(path = "/materiality", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void materiality(@PathVariable String id, @Valid @RequestBody MaterialityRequest request) {
        commands.sendAndWait(new DetermineMateriality(incidentId(id),
                times.orNow(request.determinedAt(), "determinedAt"), request.material(), request.rationale()));
    }

    @Operation(summary = "Record an extortion payment",
            description = "Starts the NYDFS 24-hour notice of a ransom payment.")
    @PostMapping(path = "/extortion-payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void extortionPayment(@PathVariable String id, @Valid @RequestBody ExtortionPaymentRequest request) {
        commands.sendAndWait(new RecordExtortionPayment(incidentId(id), times.orNow(request.paidAt(), "paidAt"),
                request.description()));
    }

    @Operation(summary = "Assess which regulatory regimes apply")
    @PostMapping(path = "/regimes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void regimes(@PathVariable String id, @Valid @RequestBody RegimesRequest request) {
        commands.sendAndWait(new AssessRegimes(incidentId(id), request.regimes(), request.rationale()));
    }

    @Operation(summary = "Record a report submitted to an authority",
            description = "Which stage, when, the authority's reference and optionally the report's SHA-256.")
    @PostMapping(path = "/submissions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void submission(@PathVariable String id, @Valid @RequestBody SubmissionRequest request) {
        commands.sendAndWait(new RecordReportSubmission(incidentId(id), request.stage(),
                times.orNow(request.submittedAt(), "submittedAt"), request.authorityReference(),
                request.reportSha256()));
    }
}
