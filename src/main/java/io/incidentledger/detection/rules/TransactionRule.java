package io.incidentledger.detection.rules;

import java.time.Instant;
import java.util.List;

/** One detection rule over transactions. Implementations are thread-safe. */
interface TransactionRule {

    TransactionRulesProperties.RuleSettings settings();

    /**
     * Evaluates one transaction and adds any hit to {@code hits}.
     *
     * @param receivedAt when the batch was received, the time of transactions without a block time
     */
    void evaluate(ChainTransaction transaction, Instant receivedAt, List<RuleHit> hits);

    default RuleHit hit(ChainTransaction transaction, String subject, String alertId, String name,
                        String description, List<String> addresses, List<String> transactions) {
        TransactionRulesProperties.RuleSettings settings = settings();
        return new RuleHit(settings.id(), settings.version(), settings.severity(), settings.category(),
                transaction.chain(), subject, alertId, transaction.hash(), name, description, addresses,
                transactions, transaction.timestamp());
    }
}
