package io.incidentledger.detection.ingest.transactions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.common.Limits;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.detection.correlation.BatchCorrelator;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.rules.ChainTransaction;
import io.incidentledger.detection.rules.RuleHit;
import io.incidentledger.detection.rules.TransactionRules;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The path every transaction takes, whichever way it came ({@code POST /api/transactions}, a Kafka topic or the chain
 * follower): read and validated by one parser, evaluated by the transaction rules, and each rule hit correlated as a
 * {@code TRANSACTION_RULE} detection, hits with different correlation keys at the same time ({@link BatchCorrelator}).
 * The commands name the actor of the calling thread's security context. Delivered again, the same transactions yield
 * the same {@code sourceAlertId}s (DUPLICATEs) and window rules ignore a hash already in their window.
 */
@Component
public class TransactionIngest {

    private final TransactionRules rules;
    private final BatchCorrelator correlator;
    private final TransactionBatchParser parser;

    public TransactionIngest(TransactionRules rules, BatchCorrelator correlator, JsonMapper mapper,
                             TransactionIngestProperties properties) {
        this.rules = rules;
        this.correlator = correlator;
        this.parser = new TransactionBatchParser(mapper, properties.maxBatchSize());
    }

    /** A transaction that cannot be read: a stable code and the reason, naming the field when one is at fault. */
    public static final class Unreadable extends RuntimeException {

        private final String code;

        Unreadable(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * A rule hit and where its transaction came from.
     *
     * @param payloadSha256 the SHA-256 of the bytes the transaction arrived in (request body or record value)
     * @param receivedAt    when it arrived: the detection's candidate "became aware" time
     */
    public record Hit(RuleHit hit, String payloadSha256, Instant receivedAt) {
    }

    /** One hit and what became of it. */
    public record Outcome(RuleHit hit, DetectionCorrelator.Correlation correlation) {
    }

    /** The ids of the rules that run. */
    public List<String> activeRules() {
        return rules.activeRules();
    }

    /**
     * Evaluates a batch with the node's rules and correlates every hit.
     *
     * @param receivedAt    when it was received: the time of transactions without a block time, and the detections'
     *                      {@code receivedAt}
     * @param payloadSha256 SHA-256 (hex) of what the transactions were read from, recorded on every detection
     * @return every hit, in batch order and, per transaction, rule order
     */
    public List<Outcome> ingest(List<ChainTransaction> transactions, Instant receivedAt, String payloadSha256) {
        List<RuleHit> hits = rules.evaluate(transactions, receivedAt);
        List<DetectionCorrelator.Correlation> correlations = correlate(hits.stream()
                .map(hit -> new Hit(hit, payloadSha256, receivedAt)).toList());
        List<Outcome> outcomes = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            outcomes.add(new Outcome(hits.get(i), correlations.get(i)));
        }
        return outcomes;
    }

    TransactionBatchParser parser() {
        return parser;
    }

    /** One transaction, a JSON object as in a batch; validated field by field like a batch's. */
    public ChainTransaction read(byte[] json) {
        if (json == null || json.length == 0) {
            throw new Unreadable("empty-transaction", "the transaction is empty");
        }
        try {
            return parser.parseOne(json);
        } catch (TransactionBatchParser.MalformedBody malformed) {
            throw new Unreadable("malformed-request", "the transaction is not valid JSON");
        } catch (TransactionBatchException invalid) {
            throw new Unreadable(invalid.code(), invalid.getMessage());
        }
    }

    /**
     * Correlates every hit, those of different correlation keys at the same time ({@link BatchCorrelator}), as the
     * principal of the calling thread; returns only when all are correlated.
     */
    public List<DetectionCorrelator.Correlation> correlate(List<Hit> hits) {
        if (hits.isEmpty()) {
            return List.of();
        }
        return correlator.correlateAll(hits.stream()
                .map(hit -> new BatchCorrelator.Pending(detection(hit), title(hit.hit())))
                .toList());
    }

    private static Detection detection(Hit pending) {
        RuleHit hit = pending.hit();
        return new Detection(DetectionSource.TRANSACTION_RULE, hit.sourceAlertId(), hit.name(), hit.description(),
                hit.severity().name(), hit.severity(), hit.category(), hit.chain(), hit.addresses(),
                hit.transactions(), List.of(), hit.correlationKey(), pending.payloadSha256(), hit.ruleId(),
                hit.ruleVersion(), hit.observedAt(), pending.receivedAt());
    }

    private static String title(RuleHit hit) {
        return hit.name().length() <= Limits.TITLE ? hit.name() : hit.name().substring(0, Limits.TITLE);
    }
}
