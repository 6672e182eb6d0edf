package io.incidentledger.detection.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.incidentledger.common.Instants;
import io.incidentledger.common.Limits;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionLabel;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import io.incidentledger.web.RawBodyDigest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/detections}: the generic detection envelope (docs/detections.md). */
@Tag(name = "Detections",
        description = "Alerts from detectors: a generic envelope, Forta, OpenZeppelin Monitor, and transactions "
        + "checked by rules")
@RestController
class EnvelopeController {

    private final Detections detections;

    EnvelopeController(Detections detections) {
        this.detections = detections;
    }

    /** The generic envelope; {@code rawPayload} is the detector's own alert, kept by hash. */
    record Envelope(@NotBlank @Size(max = Limits.SOURCE) @Pattern(regexp = "[A-Za-z0-9._:-]+") String source,
                    @Size(max = Limits.NAME) String sourceAlertId,
                    @NotBlank @Size(max = Limits.NAME) String name,
                    @Size(max = Limits.TEXT) String description,
                    @NotNull Severity severity,
                    @NotNull Category category,
                    @Size(max = Limits.CHAIN) String chainId,
                    @Size(max = Limits.ITEMS) List<@NotBlank @Size(max = Limits.ADDRESS) String> transactions,
                    @Size(max = Limits.ITEMS) List<@NotBlank @Size(max = Limits.ADDRESS) String> addresses,
                    @Size(max = Limits.ITEMS) List<@NotNull @Valid Label> labels,
                    Instant observedAt,
                    @Size(max = Limits.CORRELATION_KEY) String correlationKey,
                    JsonNode rawPayload) {
    }

    record Label(@NotBlank @Size(max = Limits.DETECTION_LABEL) String label, @Size(max = Limits.ADDRESS) String entity,
                 @DecimalMin("0.0") @DecimalMax("1.0") Double confidence) {
    }

    @Operation(summary = "Ingest a detection",
            description = "A generic detection envelope; detections with one correlation key within the window join "
            + "one incident.")
    @ApiResponse(responseCode = "200",
            description = "the detection joined an open incident, or was a delivery already recorded")
    @ApiResponse(responseCode = "201", description = "the detection opened a new incident",
            headers = @Header(name = "Location", description = "the new incident", schema = @Schema(type = "string")))
    @PostMapping(path = "/api/detections", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DetectionResponse> ingest(@Valid @RequestBody Envelope envelope,
                                             @RequestAttribute(RawBodyDigest.ATTRIBUTE) String payloadSha256) {
        Detection detection = detection(envelope, payloadSha256, detections.now());
        return detections.accept(detection, envelope.name());
    }

    /** The detection an envelope describes; shared with Kafka ingest ({@link EnvelopeReader}). */
    static Detection detection(Envelope envelope, String payloadSha256, Instant receivedAt) {
        List<String> addresses = envelope.addresses() == null ? List.of() : envelope.addresses();
        String correlationKey = envelope.correlationKey() != null && !envelope.correlationKey().isBlank()
                ? envelope.correlationKey()
                : "generic:" + envelope.source() + ":" + envelope.name() + ":"
                + (envelope.chainId() == null ? "" : envelope.chainId()) + ":"
                + (addresses.isEmpty() ? "" : addresses.get(0).toLowerCase(Locale.ROOT));
        Detection detection = new Detection(DetectionSource.GENERIC,
                envelope.sourceAlertId() == null ? null : envelope.source() + "/" + envelope.sourceAlertId(),
                envelope.name(), envelope.description(), envelope.severity().name(), envelope.severity(),
                envelope.category(), envelope.chainId(),
                addresses, envelope.transactions() == null ? List.of() : envelope.transactions(),
                envelope.labels() == null ? List.of() : envelope.labels().stream()
                        .map(label -> new DetectionLabel(label.label(), label.entity(), label.confidence())).toList(),
                correlationKey, payloadSha256, null, null, Instants.micros(envelope.observedAt()), receivedAt);
        return detection;
    }
}
