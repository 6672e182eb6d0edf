package io.incidentledger.detection.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.incidentledger.detection.rules.anomaly.AnomalyDetector;
import org.springframework.stereotype.Component;

/**
 * Evaluates every enabled transaction rule over a batch. With the global switch off, or no rule enabled and
 * configured, evaluation is a no-op. Thread-safe: the window rules' state is shared across requests.
 */
@Component
public class TransactionRules {

    private final List<TransactionRule> rules;
    private final AnomalyDetector anomalies;

    public TransactionRules(TransactionRulesProperties properties) {
        List<TransactionRule> enabled = new ArrayList<>();
        AnomalyDetector detector = null;
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
            }
            if (properties.privilegedCall().enabled() && !properties.privilegedCall().contracts().isEmpty()) {
                enabled.add(new PrivilegedCallRule(properties.privilegedCall()));
            }
            if (properties.failedTransactionSpike().enabled()
                    && !properties.failedTransactionSpike().subjects().isEmpty()) {
                enabled.add(new FailedTransactionSpikeRule(properties.failedTransactionSpike(), windows));
            }
            AnomalyRule anomaly = properties.anomaly().enabled() ? new AnomalyRule(properties.anomaly()) : null;
            if (anomaly != null && anomaly.active()) {
                enabled.add(anomaly);
                detector = anomaly.detector();
            }
        }
        this.rules = List.copyOf(enabled);
        this.anomalies = detector;
    }

    /** The outflow-anomaly rule's baselines, when that rule runs (saved and restored by AnomalyBaselineStore). */
    public Optional<AnomalyDetector> anomalies() {
        return Optional.ofNullable(anomalies);
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
