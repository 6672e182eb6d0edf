package io.incidentledger.detection.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.incidentledger.detection.rules.anomaly.AnomalyDetector;
import org.springframework.beans.factory.annotation.Autowired;
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
    private final AnomalyRule anomaly;

    @Autowired
    public TransactionRules(TransactionRulesProperties properties) {
        this(properties, null, null);
    }

    /**
     * The rules of {@code properties}, with {@code sharedAnomaly} as the anomaly rule when given, reading from
     * {@code partition} (null: not a Kafka partition).
     */
    private TransactionRules(TransactionRulesProperties properties, AnomalyRule sharedAnomaly, String partition) {
        this.properties = properties;
        Duration longest = Duration.ZERO;
        List<TransactionRule> enabled = new ArrayList<>();
        AnomalyRule anomalyRule = null;
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
            AnomalyRule anomaly = sharedAnomaly != null ? sharedAnomaly
                    : properties.anomaly().enabled() ? new AnomalyRule(properties.anomaly()) : null;
            if (anomaly != null && anomaly.active()) {
                enabled.add(partition == null ? anomaly : anomaly.readingFrom(partition));
                anomalyRule = anomaly;
            }
        }
        this.rules = List.copyOf(enabled);
        this.longestWindow = longest;
        this.anomaly = anomalyRule;
    }

    private static Duration max(Duration longest, Duration window) {
        return window != null && window.compareTo(longest) > 0 ? window : longest;
    }

    /**
     * The same rules with windows of their own, empty: for a consumer that keeps the windows of the subjects of one
     * Kafka partition apart from every other's (detection/ingest/kafka). The anomaly rule is not among them: its
     * baselines span days, far more than a partition's replay rebuilds, so every partition shares this node's (they
     * are kept per subject, and a subject's transactions are counted once however often they are read). Each subject
     * it counts is noted as {@code partition}'s, and handed over with it (AnomalyBaselineStore).
     *
     * @param partition the partition, as topic-partition
     */
    public TransactionRules withOwnWindows(String partition) {
        return new TransactionRules(properties, anomaly, partition);
    }

    /** The longest sliding window of any rule that runs; zero when none keeps a window. */
    public Duration longestWindow() {
        return longestWindow;
    }

    /** The outflow-anomaly rule's baselines, when that rule runs (saved and restored by AnomalyBaselineStore). */
    public Optional<AnomalyDetector> anomalies() {
        return Optional.ofNullable(anomaly).map(AnomalyRule::detector);
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
