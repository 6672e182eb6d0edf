package io.incidentledger.detection.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A call of an admin method, or an admin event, on a watched contract, whatever its status (a failed
 * {@code transferOwnership} by a stranger is a warning too); stateless.
 */
final class PrivilegedCallRule implements TransactionRule {

    private static final String ANY_CONTRACT = "";

    private final TransactionRulesProperties.PrivilegedCall settings;
    /** Chain → contract ("" for any) → normalized method names. */
    private final Map<String, Map<String, Set<String>>> watched = new HashMap<>();

    PrivilegedCallRule(TransactionRulesProperties.PrivilegedCall settings) {
        this.settings = settings;
        settings.contracts().forEach(contract -> watched
                .computeIfAbsent(contract.chain().toLowerCase(Locale.ROOT), chain -> new HashMap<>())
                .computeIfAbsent(contract.address() == null || contract.address().isBlank() ? ANY_CONTRACT
                        : ChainTransaction.normalize(contract.address()), address -> new HashSet<>())
                .addAll(contract.methods().stream().map(PrivilegedCallRule::methodName).toList()));
    }

    @Override
    public TransactionRulesProperties.RuleSettings settings() {
        return settings;
    }

    @Override
    public void evaluate(ChainTransaction transaction, Instant receivedAt, List<RuleHit> hits) {
        if (transaction.method() == null || transaction.to() == null) {
            return;
        }
        Map<String, Set<String>> contracts = watched.get(transaction.chain().toLowerCase(Locale.ROOT));
        if (contracts == null) {
            return;
        }
        String contract = ChainTransaction.normalize(transaction.to());
        String method = methodName(transaction.method());
        Set<String> methods = contracts.get(contract);
        if (methods == null || !methods.contains(method)) {
            methods = contracts.get(ANY_CONTRACT);
            if (methods == null || !methods.contains(method)) {
                return;
            }
        }
        hits.add(hit(transaction, contract));
    }

    /** Apart from {@link #evaluate}, as in {@link LargeTransferRule}. */
    private RuleHit hit(ChainTransaction transaction, String contract) {
        String from = ChainTransaction.normalize(transaction.from());
        return hit(transaction, contract, transaction.id(),
                "Privileged call " + transaction.method() + " on " + contract,
                transaction.method() + " on " + contract + " by " + from + " (" + transaction.status()
                        + ", transaction " + transaction.hash() + ", block " + transaction.block() + ")",
                List.of(contract, from), List.of(transaction.hash()));
    }

    /** {@code upgradeTo(address)} and {@code UpgradeTo} are the same method; a selector stays as it is. */
    static String methodName(String method) {
        String trimmed = method.trim();
        int parenthesis = trimmed.indexOf('(');
        return (parenthesis >= 0 ? trimmed.substring(0, parenthesis) : trimmed).trim().toLowerCase(Locale.ROOT);
    }
}
