package io.incidentledger.detection.ingest.forta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.correlation.BatchCorrelator;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.web.Detections;
import io.incidentledger.web.Problems;
import io.incidentledger.web.RawBodyDigest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/detections/forta/batch}: a Forta scan node's webhook batch, {@code {"alerts": [...], "metrics":
 * [...]}} (forta-core-go protocol/webhook/swagger.yml {@code AlertBatch}), posted to the node's
 * {@code localMode.webhookUrl}. Each alert is mapped and correlated exactly as {@code POST /api/detections/forta}
 * would; metrics are ignored.
 * <p>
 * The answer is 200 with one result per alert, a bad alert included, and not a refusal of the whole batch: the scan
 * node takes any answer but 200 as a failure, logs it and drops the batch without sending it again
 * (forta-node services/publisher/publisher.go), so refusing a batch for one bad alert would lose all the good ones
 * for good. The bad alerts are named in the answer by their index and logged.
 */
@Tag(name = "Detections")
@RestController
public class FortaBatchController {

    static final String PATH = "/api/detections/forta/batch";

    private static final Logger log = LoggerFactory.getLogger(FortaBatchController.class);

    private final BatchCorrelator correlator;
    private final Detections detections;
    private final FortaProperties properties;

    FortaBatchController(BatchCorrelator correlator, Detections detections, FortaProperties properties) {
        this.correlator = correlator;
        this.detections = detections;
        this.properties = properties;
    }

    /**
     * What became of one alert: the incident and outcome when it was recorded; the refusal's code and detail (as a
     * single alert would have been answered 422) when it was not.
     */
    record AlertBatchEntry(int index, String alertId, String hash, String incidentId, DetectionOutcome outcome,
                       String code, String detail) {
    }

    /** The answer: how many alerts came, how many were recorded and refused, and each alert's result in order. */
    record AlertBatchResult(int alerts, int recorded, int refused, List<AlertBatchEntry> results) {
    }

    /** More alerts than {@link FortaProperties#maxBatchSize()}. */
    static final class BatchTooLarge extends RuntimeException {
        BatchTooLarge(int size, int max) {
            super("the batch has " + size + " alerts, more than " + max, null, false, false);
        }
    }

    @Operation(summary = "Ingest a Forta scan node's webhook batch",
            description = "The body a scan node in local mode posts to its webhookUrl: {\"alerts\": [...]}. Each alert "
            + "is correlated like a single Forta alert; the answer has one result per alert, refused ones included.")
    @ApiResponse(responseCode = "200", description = "every alert was recorded or refused; see each result")
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    AlertBatchResult ingest(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    description = "a Forta webhook AlertBatch: {\"alerts\": [...], \"metrics\": [...]}",
                    content = @Content(schema = @Schema(type = "object")))
            @RequestBody JsonNode batch,
            @RequestAttribute(RawBodyDigest.ATTRIBUTE) String payloadSha256) {
        if (batch == null || !batch.isObject()) {
            throw CommandRefusedException.invalid("invalid-batch",
                    "the body must be a Forta webhook batch: {\"alerts\": [...]}");
        }
        JsonNode alerts = batch.get("alerts");
        if (alerts != null && !alerts.isNull() && !alerts.isArray()) {
            throw CommandRefusedException.invalid("invalid-batch", "field 'alerts' must be an array");
        }
        int size = alerts == null || alerts.isNull() ? 0 : alerts.size();
        if (size > properties.maxBatchSize()) {
            throw new BatchTooLarge(size, properties.maxBatchSize());
        }
        Instant receivedAt = detections.now();
        List<BatchCorrelator.Pending> pending = new ArrayList<>(size);
        List<Integer> pendingIndexes = new ArrayList<>(size);
        AlertBatchEntry[] results = new AlertBatchEntry[size];
        for (int index = 0; index < size; index++) {
            JsonNode alert = alerts.get(index);
            try {
                // an alert with no id of its own is told apart by its place in this very body
                FortaAlertMapper.Mapped mapped = FortaAlertMapper.map(alert, payloadSha256, receivedAt,
                        "batch:" + payloadSha256 + ":" + index, true);
                pending.add(new BatchCorrelator.Pending(mapped.detection(), mapped.title()));
                pendingIndexes.add(index);
            } catch (CommandRefusedException refused) {
                log.warn("Forta batch {}: alert {} refused ({}): {}", payloadSha256, index, refused.code(),
                        refused.getMessage());
                results[index] = new AlertBatchEntry(index, text(alert, "alertId"), text(alert, "hash"), null, null,
                        refused.code(), refused.getMessage());
            }
        }
        List<DetectionCorrelator.Correlation> correlations = correlator.correlateAll(pending);
        for (int i = 0; i < pending.size(); i++) {
            int index = pendingIndexes.get(i);
            DetectionCorrelator.Correlation correlation = correlations.get(i);
            results[index] = new AlertBatchEntry(index, text(alerts.get(index), "alertId"),
                    text(alerts.get(index), "hash"), correlation.incidentId().value(), correlation.outcome(), null,
                    null);
        }
        return new AlertBatchResult(size, pending.size(), size - pending.size(), List.of(results));
    }

    @ExceptionHandler(BatchTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(BatchTooLarge tooLarge) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "batch-too-large", tooLarge.getMessage()));
    }

    private static String text(JsonNode alert, String field) {
        JsonNode value = alert != null && alert.isObject() ? alert.get(field) : null;
        return value != null && value.isString() ? FortaAlertMapper.limit(value.stringValue(), 255) : null;
    }
}
