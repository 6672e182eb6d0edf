package io.incidentledger.detection.ingest.transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.rules.ChainTransaction;
import io.incidentledger.detection.rules.RuleHit;
import io.incidentledger.web.Problems;
import io.incidentledger.web.RawBodyDigest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
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

/**
 * {@code POST /api/transactions}: a batch of on-chain transactions (JSON array or NDJSON) run through the
 * transaction rules; every hit is correlated into an incident as a {@code TRANSACTION_RULE} detection, hits with
 * different correlation keys at the same time ({@link TransactionIngest}, the path Kafka ingest shares)
 * (docs/detections.md, "Transaction rules").
 */
@Tag(name = "Detections")
@RestController
class TransactionController {

    static final String NDJSON = "application/x-ndjson";

    private final TransactionIngest ingest;
    private final Clock clock;
    private final TransactionBatchParser parser;

    TransactionController(TransactionIngest ingest, Clock clock) {
        this.ingest = ingest;
        this.clock = clock;
        this.parser = ingest.parser();
    }

    /** What one hit became. */
    record HitResult(String ruleId, String ruleVersion, String transaction, String sourceAlertId, String incidentId,
                     DetectionOutcome outcome) {
    }

    /** The answer: how many transactions were evaluated, by how many rules, and every hit. */
    record BatchResult(int transactions, int rules, int hits, List<HitResult> detections) {
    }

    @Operation(summary = "Ingest a batch of transactions",
            description = "A JSON array or NDJSON; the rules check each transaction, and each hit is correlated like "
            + "a detection.")
    @PostMapping(path = "/api/transactions", consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON},
            produces = MediaType.APPLICATION_JSON_VALUE)
    BatchResult ingest(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    description = "transactions: a JSON array, or NDJSON with one per line",
                    content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(type = "object"))),
                            @Content(mediaType = NDJSON, schema = @Schema(type = "string"))})
            @RequestBody(required = false) byte[] body,
            @Parameter(hidden = true) @RequestHeader("Content-Type") String contentType,
            @RequestAttribute(name = RawBodyDigest.ATTRIBUTE, required = false) String payloadSha256) {
        Instant receivedAt = clock.instant();
        boolean ndjson = MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.parseMediaType(NDJSON));
        byte[] bytes = body == null ? new byte[0] : body;
        List<ChainTransaction> transactions = ndjson ? parser.parseNdjson(bytes) : parser.parseJson(bytes);
        String digest = payloadSha256 != null ? payloadSha256 : RawBodyDigest.sha256(bytes);
        List<TransactionIngest.Outcome> outcomes = ingest.ingest(transactions, receivedAt, digest);
        List<HitResult> results = new ArrayList<>(outcomes.size());
        for (TransactionIngest.Outcome outcome : outcomes) {
            RuleHit hit = outcome.hit();
            results.add(new HitResult(hit.ruleId(), hit.ruleVersion(), hit.transaction(), hit.sourceAlertId(),
                    outcome.correlation().incidentId().value(), outcome.correlation().outcome()));
        }
        return new BatchResult(transactions.size(), ingest.activeRules().size(), outcomes.size(), results);
    }

    @ExceptionHandler(TransactionBatchException.class)
    ResponseEntity<ProblemDetail> refused(TransactionBatchException refusal) {
        ProblemDetail problem = Problems.of(refusal.status(), refusal.code(), refusal.getMessage());
        if (refusal.index() != null) {
            problem.setProperty("index", refusal.index());
        }
        if (refusal.field() != null) {
            problem.setProperty("field", refusal.field());
        }
        return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(TransactionBatchParser.MalformedBody.class)
    ResponseEntity<ProblemDetail> malformed(TransactionBatchParser.MalformedBody malformed) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", malformed.getMessage());
        if (malformed.line() != null) {
            problem.setProperty("line", malformed.line());
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
