package io.incidentledger.detection.rules;

import java.time.Instant;
import java.util.List;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;

/**
 * A rule matched: what becomes one detection.
 *
 * @param alertId     what makes this hit unique within the rule: the transaction hash, or the window's id for
 *                    window rules (so a redelivered batch is recognised as the same alert)
 * @param transaction the transaction that caused the hit
 * @param subject     what the hit is about (an address, lower case); part of the correlation key
 * @param observedAt  the block time of the transaction, if it had one
 */
public record RuleHit(String ruleId, String ruleVersion, Severity severity, Category category, String chain,
                      String subject, String alertId, String transaction, String name, String description,
                      List<String> addresses, List<String> transactions, Instant observedAt) {

    public RuleHit {
        addresses = List.copyOf(addresses);
        transactions = List.copyOf(transactions);
    }

    /** The detector's own id for the alert: rule id and transaction hash or window id. */
    public String sourceAlertId() {
        return ruleId + ":" + alertId;
    }

    /** Hits of one rule about one subject on one chain join one incident. */
    public String correlationKey() {
        return "rule:" + ruleId + ":" + chain + ":" + subject;
    }
}
