package io.incidentledger.detection.ingest.forta;

import io.incidentledger.detection.web.DetectionResponse;
import io.incidentledger.detection.web.Detections;
import io.incidentledger.web.RawBodyDigest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/detections/forta}: one Forta alert or finding exactly as Forta emits it. The body is read as a
 * tree, not bound to a record, so that fields Forta adds later do not fail the global strict binding.
 */
@Tag(name = "Detections")
@RestController
public class FortaController {

    private final Detections detections;

    FortaController(Detections detections) {
        this.detections = detections;
    }

    @Operation(summary = "Ingest a Forta alert", description = "A Forta alert as the scan node's webhook sends it.")
    @ApiResponse(responseCode = "200",
            description = "the detection joined an open incident, or was a delivery already recorded")
    @ApiResponse(responseCode = "201", description = "the detection opened a new incident",
            headers = @Header(name = "Location", description = "the new incident", schema = @Schema(type = "string")))
    @PostMapping(path = "/api/detections/forta", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DetectionResponse> ingest(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    description = "a Forta alert, as the scan node's webhook sends it",
                    content = @Content(schema = @Schema(type = "object")))
            @RequestBody JsonNode alert,
            @RequestAttribute(RawBodyDigest.ATTRIBUTE) String payloadSha256) {
        FortaAlertMapper.Mapped mapped = FortaAlertMapper.map(alert, payloadSha256, detections.now());
        return detections.accept(mapped.detection(), mapped.title());
    }
}
