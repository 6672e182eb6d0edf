package io.incidentledger.detection.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Evaluates every enabled transaction rule over a batch. With the global switch off, or no rule enabled and
 * configured, evaluation is a no-op. Thread-safe: the window rules' state is shared across requests.
 */
@Component
public class TransactionRules {

    private final TransactionRulesProperties properties;
    private final List<TransactionRule> rules;
    private final Duration longestWindow;

    public TransactionRules(TransactionRulesProperties properties) {
        this.properties = properties;
        Duration longest = Duration.ZERO;
        List<TransactionRule> enabled = new ArrayList<>();
        if (properties.enabled()) {
            TransactionRulesProperties.Windows windows = properties.windows();
            if (properties.largeTransfer().enabled() && !properties.largeTransfer().thresholds().isEmpty()) {
                enabled.add(new LargeTransferRule(properties.largeTransfer()));
            }
            if (properties.denylist().enabled() && !properties.denylist().addresses().isEmpty()) {
                enabled.add(new DenylistRule(properties.denylist()));
            }
            if (properties.hotWalletVelocity().enabled() && !properties.hotWalletVelocity().wallets().isEmpty()) {
                enabled.add(new HotWalletVelocityRule(properties.hotWalletVelocity(), windows));
                for (TransactionRulesProperties.HotWalletVelocity.Wallet wallet
                        : properties.hotWalletVelocity().wallets()) {
                    longest = max(longest, wallet.window());
                }
            }
            if (properties.privilegedCall().enabled() && !properties.privilegedCall().contracts().isEmpty()) {
                enabled.add(new PrivilegedCallRule(properties.privilegedCall()));
            }
            if (properties.failedTransactionSpike().enabled()
                    && !properties.failedTransactionSpike().subjects().isEmpty()) {
                enabled.add(new FailedTransactionSpikeRule(properties.failedTransactionSpike(), windows));
                for (TransactionRulesProperties.FailedTransactionSpike.Subject subject
                        : properties.failedTransactionSpike().subjects()) {
                    longest = max(longest, subject.window());
                }
            }
        }
        this.rules = List.copyOf(enabled);
        this.longestWindow = longest;
    }

    private static Duration max(Duration longest, Duration window) {
        return window != null && window.compareTo(longest) > 0 ? window : longest;
    }

    /**
     * The same rules with windows of their own, empty: for a consumer that keeps the windows of the subjects of one
     * Kafka partition apart from every other's (detection/ingest/kafka).
     */
    public TransactionRules withOwnWindows() {
        return new TransactionRules(properties);
    }

    /** The longest sliding window of any rule that runs; zero when none keeps a window. */
    public Duration longestWindow() {
        return longestWindow;
    }

    /** Whether any rule runs. */
    public boolean active() {
        return !rules.isEmpty();
    }

    /** The ids of the rules that run. */
    public List<String> activeRules() {
        return rules.stream().map(rule -> rule.settings().id()).toList();
    }

    /**
     * The hits of every rule over the batch, in batch order and, per transaction, rule order.
     *
     * @param receivedAt when the batch was received: the time of transactions without a block time
     */
    public List<RuleHit> evaluate(List<ChainTransaction> transactions, Instant receivedAt) {
        if (rules.isEmpty()) {
            return List.of();
        }
        List<RuleHit> hits = new ArrayList<>();
        for (ChainTransaction transaction : transactions) {
            for (TransactionRule rule : rules) {
                rule.evaluate(transaction, receivedAt, hits);
            }
        }
        return hits;
    }
}
