package io.incidentledger.detection.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A successful transfer of more than the threshold configured for its chain and asset; stateless. */
final class LargeTransferRule implements TransactionRule {

    private final TransactionRulesProperties.LargeTransfer settings;
    private final Map<String, BigDecimal> thresholds = new HashMap<>();

    LargeTransferRule(TransactionRulesProperties.LargeTransfer settings) {
        this.settings = settings;
        settings.thresholds().forEach(threshold ->
                thresholds.put(key(threshold.chain(), threshold.asset()), threshold.threshold()));
    }

    @Override
    public TransactionRulesProperties.RuleSettings settings() {
        return settings;
    }

    @Override
    public void evaluate(ChainTransaction transaction, Instant receivedAt, List<RuleHit> hits) {
        if (transaction.failed() || transaction.amount() == null || transaction.asset() == null) {
            return;
        }
        BigDecimal threshold = thresholds.get(key(transaction.chain(), transaction.asset()));
        if (threshold == null || transaction.amount().compareTo(threshold) <= 0) {
            return;
        }
        hits.add(hit(transaction, threshold));
    }

    /**
     * Kept apart from {@link #evaluate}, which nearly every transaction leaves early: the JIT compiles a small method
     * sooner and to less code (docs/scaling.md, "A node's warm-up").
     */
    private RuleHit hit(ChainTransaction transaction, BigDecimal threshold) {
        String from = ChainTransaction.normalize(transaction.from());
        String to = ChainTransaction.normalize(transaction.to());
        return hit(transaction, from, transaction.id(),
                "Large transfer of " + transaction.amount().toPlainString() + " " + transaction.asset() + " on "
                        + transaction.chain(),
                "Transfer of " + transaction.amount().toPlainString() + " " + transaction.asset() + " from " + from
                        + (to == null ? "" : " to " + to) + " is above the threshold of "
                        + threshold.toPlainString() + " (transaction " + transaction.hash() + ", block "
                        + transaction.block() + ")",
                to == null ? List.of(from) : List.of(from, to), List.of(transaction.hash()));
    }

    private static String key(String chain, String asset) {
        return chain.toLowerCase(Locale.ROOT) + "\u0000" + asset.toLowerCase(Locale.ROOT);
    }
}
