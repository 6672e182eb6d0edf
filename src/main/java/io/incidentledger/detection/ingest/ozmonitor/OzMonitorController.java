package io.incidentledger.detection.ingest.ozmonitor;

import java.time.Instant;

import io.incidentledger.detection.web.DetectionResponse;
import io.incidentledger.detection.web.Detections;
import io.incidentledger.web.Problems;
import io.incidentledger.web.RawBodyDigest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/detections/openzeppelin-monitor}: one OpenZeppelin Monitor match, posted by a webhook trigger in
 * raw payload mode with a secret. The body is taken as bytes so that the signature is checked over exactly what was
 * sent, before the body is parsed or anything is recorded.
 */
@Tag(name = "Detections")
@RestController
public class OzMonitorController {

    static final String PATH = "/api/detections/openzeppelin-monitor";
    static final String SIGNATURE = "X-Signature";
    static final String TIMESTAMP = "X-Timestamp";

    private final Detections detections;
    private final OzMonitorProperties properties;
    private final JsonMapper jsonMapper;

    OzMonitorController(Detections detections, OzMonitorProperties properties, JsonMapper jsonMapper) {
        this.detections = detections;
        this.properties = properties;
        this.jsonMapper = jsonMapper;
    }

    /** The secret is not configured: the endpoint is off. */
    static final class NotConfigured extends RuntimeException {
        NotConfigured() {
            super("the OpenZeppelin Monitor webhook secret is not configured", null, false, false);
        }
    }

    /** The body passed the signature but is not JSON. */
    static final class Malformed extends RuntimeException {
        Malformed() {
            super("the request body is not valid JSON", null, false, false);
        }
    }

    @Operation(summary = "Ingest an OpenZeppelin Monitor match",
            description = "Signed by the trigger's secret (X-Signature over body and X-Timestamp); 401 "
            + "invalid-signature otherwise, 503 while no secret is configured.")
    @ApiResponse(responseCode = "200",
            description = "the detection joined an open incident, or was a delivery already recorded")
    @ApiResponse(responseCode = "201", description = "the detection opened a new incident",
            headers = @Header(name = "Location", description = "the new incident", schema = @Schema(type = "string")))
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DetectionResponse> ingest(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    description = "an OpenZeppelin Monitor match, as the trigger's webhook sends it;"
                            + " X-Signature covers these bytes",
                    content = @Content(schema = @Schema(type = "object")))
            @RequestBody byte[] body,
            @RequestHeader(name = SIGNATURE, required = false) String signature,
            @RequestHeader(name = TIMESTAMP, required = false) String timestamp,
            @RequestAttribute(RawBodyDigest.ATTRIBUTE) String payloadSha256) {
        if (!properties.hasSecret()) {
            throw new NotConfigured();
        }
        Instant receivedAt = detections.now();
        Instant sentAt = WebhookSignature.verify(properties.secret(), body, signature, timestamp, receivedAt,
                properties.tolerance());
        JsonNode match;
        try {
            match = jsonMapper.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed();
        }
        MonitorMatchMapper.Mapped mapped = MonitorMatchMapper.map(match, properties, payloadSha256, sentAt,
                receivedAt);
        return detections.accept(mapped.detection(), mapped.title());
    }

    @ExceptionHandler(WebhookSignature.Rejected.class)
    ResponseEntity<ProblemDetail> rejected(WebhookSignature.Rejected rejected) {
        return problem(HttpStatus.UNAUTHORIZED, "invalid-signature", rejected.getMessage());
    }

    @ExceptionHandler(NotConfigured.class)
    ResponseEntity<ProblemDetail> notConfigured(NotConfigured notConfigured) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "ingest-not-configured", notConfigured.getMessage());
    }

    @ExceptionHandler(Malformed.class)
    ResponseEntity<ProblemDetail> malformed(Malformed malformed) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", malformed.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, code, detail));
    }
}
