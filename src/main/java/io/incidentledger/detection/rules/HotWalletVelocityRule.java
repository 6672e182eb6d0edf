package io.incidentledger.detection.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Successful outflows from a watched hot wallet within a sliding window: hits once when their sum (of one asset)
 * or their number goes strictly above the wallet's limit, and again only after the window has dropped back under
 * it.
 */
final class HotWalletVelocityRule implements TransactionRule {

    static final int MAX_TRANSACTIONS_PER_HIT = 100;

    private final TransactionRulesProperties.HotWalletVelocity settings;
    /** Chain + wallet address → the wallet's limits (one per asset). */
    private final Map<String, List<TransactionRulesProperties.HotWalletVelocity.Wallet>> wallets = new HashMap<>();
    private final SlidingWindows windows;

    HotWalletVelocityRule(TransactionRulesProperties.HotWalletVelocity settings,
                          TransactionRulesProperties.Windows limits) {
        this.settings = settings;
        this.windows = new SlidingWindows(limits.maxSubjects(), limits.maxEventsPerWindow());
        settings.wallets().forEach(wallet -> wallets
                .computeIfAbsent(key(wallet.chain(), wallet.address()), key -> new ArrayList<>()).add(wallet));
    }

    @Override
    public TransactionRulesProperties.RuleSettings settings() {
        return settings;
    }

    @Override
    public void evaluate(ChainTransaction transaction, Instant receivedAt, List<RuleHit> hits) {
        if (transaction.failed()) {
            return;
        }
        List<TransactionRulesProperties.HotWalletVelocity.Wallet> limits =
                wallets.get(key(transaction.chain(), transaction.from()));
        if (limits == null) {
            return;
        }
        long time = transaction.time(receivedAt).toEpochMilli();
        for (TransactionRulesProperties.HotWalletVelocity.Wallet wallet : limits) {
            boolean anyAsset = wallet.asset() == null || wallet.asset().isBlank();
            if (!anyAsset && (transaction.asset() == null || !wallet.asset().equalsIgnoreCase(transaction.asset()))) {
                continue;
            }
            String address = ChainTransaction.normalize(wallet.address());
            String asset = anyAsset ? "*" : wallet.asset().toUpperCase(Locale.ROOT);
            String windowKey = transaction.chain().toLowerCase(Locale.ROOT) + ":" + address + ":" + asset;
            SlidingWindows.Window window = windows.window(windowKey, wallet.window().toMillis());
            synchronized (window) {
                if (!window.add(transaction.hash(), time, anyAsset ? null : transaction.amount(), false)) {
                    continue;
                }
                boolean overAmount = wallet.maxAmount() != null && window.sum().compareTo(wallet.maxAmount()) > 0;
                boolean overCount = wallet.maxCount() != null && window.count() > wallet.maxCount();
                if (!window.breach(overAmount || overCount)) {
                    continue;
                }
                hits.add(hit(transaction, wallet, address, asset, windowKey, window, overAmount));
            }
        }
    }

    /** Apart from {@link #evaluate}, as in {@link LargeTransferRule}. Called holding the window's lock. */
    private RuleHit hit(ChainTransaction transaction, TransactionRulesProperties.HotWalletVelocity.Wallet wallet,
                        String address, String asset, String windowKey, SlidingWindows.Window window,
                        boolean overAmount) {
        String what = overAmount
                ? window.sum().toPlainString() + " " + asset + " (limit " + wallet.maxAmount().toPlainString() + ")"
                : window.count() + " outflows (limit " + wallet.maxCount() + ")";
        return hit(transaction, address, windowKey + ":" + window.oldest() + "-" + window.latest(),
                "Hot wallet outflow velocity on " + address,
                "Outflows from hot wallet " + address + " on " + transaction.chain() + " reached " + what
                        + " within " + wallet.window() + " (" + window.count() + " transactions from "
                        + Instant.ofEpochMilli(window.oldest()) + " to " + Instant.ofEpochMilli(window.latest())
                        + ", last " + transaction.hash() + ")",
                List.of(address), window.hashes(MAX_TRANSACTIONS_PER_HIT));
    }

    int subjects() {
        return windows.size();
    }

    private static String key(String chain, String address) {
        return chain.toLowerCase(Locale.ROOT) + ":" + ChainTransaction.normalize(address);
    }
}
