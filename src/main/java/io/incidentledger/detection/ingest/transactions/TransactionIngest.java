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

/**
 * The one path of transactions into incidents, whoever read them ({@code POST /api/transactions}, the chain
 * follower): the transaction rules evaluate them, and every hit is correlated as a {@code TRANSACTION_RULE}
 * detection, hits with different correlation keys at the same time ({@link BatchCorrelator}). The commands name the
 * actor of the calling thread's security context. Delivered again, the same transactions yield the same
 * {@code sourceAlertId}s (DUPLICATEs) and window rules ignore a hash already in their window.
 */
@Component
public class TransactionIngest {

    private final TransactionRules rules;
    private final BatchCorrelator correlator;

    TransactionIngest(TransactionRules rules, BatchCorrelator correlator) {
        this.rules = rules;
        this.correlator = correlator;
    }

    /** One hit and what became of it. */
    public record Outcome(RuleHit hit, DetectionCorrelator.Correlation correlation) {
    }

    /** The ids of the rules that run. */
    public List<String> activeRules() {
        return rules.activeRules();
    }

    /**
     * Evaluates and correlates a batch.
     *
     * @param receivedAt    when it was received: the time of transactions without a block time, and the detections'
     *                      {@code receivedAt}
     * @param payloadSha256 SHA-256 (hex) of what the transactions were read from, recorded on every detection
     * @return every hit, in batch order and, per transaction, rule order
     */
    public List<Outcome> ingest(List<ChainTransaction> transactions, Instant receivedAt, String payloadSha256) {
        List<RuleHit> hits = rules.evaluate(transactions, receivedAt);
        List<DetectionCorrelator.Correlation> correlations = correlator.correlateAll(hits.stream()
                .map(hit -> new BatchCorrelator.Pending(detection(hit, payloadSha256, receivedAt), title(hit)))
                .toList());
        List<Outcome> outcomes = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            outcomes.add(new Outcome(hits.get(i), correlations.get(i)));
        }
        return outcomes;
    }

    static Detection detection(RuleHit hit, String payloadSha256, Instant receivedAt) {
        return new Detection(DetectionSource.TRANSACTION_RULE, hit.sourceAlertId(), hit.name(), hit.description(),
                hit.severity().name(), hit.severity(), hit.category(), hit.chain(), hit.addresses(),
                hit.transactions(), List.of(), hit.correlationKey(), payloadSha256, hit.ruleId(), hit.ruleVersion(),
                hit.observedAt(), receivedAt);
    }

    private static String title(RuleHit hit) {
        return hit.name().length() <= Limits.TITLE ? hit.name() : hit.name().substring(0, Limits.TITLE);
    }
}
