package io.incidentledger.detection.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The share of failed transactions to a contract within a sliding window: hits once when the window holds at least
 * {@code minCount} transactions and failed / total is strictly above {@code maxErrorRate}, and again only after the
 * window has dropped back under it.
 */
final class FailedTransactionSpikeRule implements TransactionRule {

    private static final String ANY_CONTRACT = "";

    private final TransactionRulesProperties.FailedTransactionSpike settings;
    /** Chain → contract ("" for each contract) → its limits. */
    private final Map<String, Map<String, TransactionRulesProperties.FailedTransactionSpike.Subject>> subjects =
            new HashMap<>();
    private final SlidingWindows windows;

    FailedTransactionSpikeRule(TransactionRulesProperties.FailedTransactionSpike settings,
                               TransactionRulesProperties.Windows limits) {
        this.settings = settings;
        this.windows = new SlidingWindows(limits.maxSubjects(), limits.maxEventsPerWindow());
        settings.subjects().forEach(subject -> subjects
                .computeIfAbsent(subject.chain().toLowerCase(Locale.ROOT), chain -> new HashMap<>())
                .put(subject.address() == null || subject.address().isBlank() ? ANY_CONTRACT
                        : ChainTransaction.normalize(subject.address()), subject));
    }

    @Override
    public TransactionRulesProperties.RuleSettings settings() {
        return settings;
    }

    @Override
    public void evaluate(ChainTransaction transaction, Instant receivedAt, List<RuleHit> hits) {
        if (transaction.to() == null) {
            return;
        }
        Map<String, TransactionRulesProperties.FailedTransactionSpike.Subject> onChain =
                subjects.get(transaction.chain().toLowerCase(Locale.ROOT));
        if (onChain == null) {
            return;
        }
        String contract = ChainTransaction.normalize(transaction.to());
        TransactionRulesProperties.FailedTransactionSpike.Subject limits = onChain.get(contract);
        if (limits == null) {
            limits = onChain.get(ANY_CONTRACT);
            if (limits == null) {
                return;
            }
        }
        String windowKey = transaction.chain().toLowerCase(Locale.ROOT) + ":" + contract;
        SlidingWindows.Window window = windows.window(windowKey, limits.window().toMillis());
        synchronized (window) {
            if (!window.add(transaction.hash(), transaction.time(receivedAt).toEpochMilli(), null,
                    transaction.failed())) {
                return;
            }
            int total = window.count();
            int failed = window.failed();
            // failed / total > rate, without rounding: failed > rate * total
            boolean over = total >= limits.minCount() && failed > limits.maxErrorRate() * total;
            if (!window.breach(over)) {
                return;
            }
            hits.add(hit(transaction, contract, limits, windowKey, window));
        }
    }

    /** Apart from {@link #evaluate}, as in {@link LargeTransferRule}. Called holding the window's lock. */
    private RuleHit hit(ChainTransaction transaction, String contract,
                        TransactionRulesProperties.FailedTransactionSpike.Subject limits, String windowKey,
                        SlidingWindows.Window window) {
        int total = window.count();
        int failed = window.failed();
        String rate = BigDecimal.valueOf(failed).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        return hit(transaction, contract, windowKey + ":" + window.oldest() + "-" + window.latest(),
                "Failed transaction spike on " + contract,
                failed + " of " + total + " transactions to " + contract + " on " + transaction.chain()
                        + " failed within " + limits.window() + " (rate " + rate + ", limit "
                        + limits.maxErrorRate() + ", from " + Instant.ofEpochMilli(window.oldest()) + " to "
                        + Instant.ofEpochMilli(window.latest()) + ", last " + transaction.hash() + ")",
                List.of(contract), window.hashes(HotWalletVelocityRule.MAX_TRANSACTIONS_PER_HIT));
    }

    int subjects() {
        return windows.size();
    }
}
