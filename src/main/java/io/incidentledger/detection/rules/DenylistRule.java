package io.incidentledger.detection.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Any transaction from or to a denylisted (sanctioned, exploiter) address, whatever its status; stateless. */
final class DenylistRule implements TransactionRule {

    private static final String ANY_CHAIN = "";

    private final TransactionRulesProperties.Denylist settings;
    /** Address (lower case) → chain (lower case, "" for any) → reason. */
    private final Map<String, Map<String, String>> listed = new HashMap<>();

    DenylistRule(TransactionRulesProperties.Denylist settings) {
        this.settings = settings;
        settings.addresses().forEach(entry -> listed
                .computeIfAbsent(ChainTransaction.normalize(entry.address()), address -> new HashMap<>())
                .put(entry.chain() == null ? ANY_CHAIN : entry.chain().toLowerCase(Locale.ROOT),
                        entry.reason() == null || entry.reason().isBlank() ? "denylisted" : entry.reason()));
    }

    @Override
    public TransactionRulesProperties.RuleSettings settings() {
        return settings;
    }

    @Override
    public void evaluate(ChainTransaction transaction, Instant receivedAt, List<RuleHit> hits) {
        String from = ChainTransaction.normalize(transaction.from());
        String to = ChainTransaction.normalize(transaction.to());
        String fromReason = reason(from, transaction.chain());
        String toReason = reason(to, transaction.chain());
        if (fromReason == null && toReason == null) {
            return;
        }
        hits.add(hit(transaction, from, fromReason, to, toReason));
    }

    /** Apart from {@link #evaluate}, as in {@link LargeTransferRule}. */
    private RuleHit hit(ChainTransaction transaction, String from, String fromReason, String to, String toReason) {
        List<String> matched = new ArrayList<>(2);
        StringBuilder description = new StringBuilder("Transaction ").append(transaction.hash())
                .append(" (").append(transaction.status()).append(", block ").append(transaction.block())
                .append(")");
        if (fromReason != null) {
            matched.add(from);
            description.append(" from ").append(from).append(" (").append(fromReason).append(")");
        }
        if (toReason != null) {
            matched.add(to);
            description.append(" to ").append(to).append(" (").append(toReason).append(")");
        }
        String subject = matched.get(0);
        return hit(transaction, subject, transaction.id(),
                "Transaction with denylisted address " + subject + " on " + transaction.chain(),
                description.toString(), to == null ? List.of(from) : List.of(from, to), List.of(transaction.hash()));
    }

    private String reason(String address, String chain) {
        if (address == null) {
            return null;
        }
        Map<String, String> chains = listed.get(address);
        if (chains == null) {
            return null;
        }
        String reason = chains.get(chain.toLowerCase(Locale.ROOT));
        return reason != null ? reason : chains.get(ANY_CHAIN);
    }
}
