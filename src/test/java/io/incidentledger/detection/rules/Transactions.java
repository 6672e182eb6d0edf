package io.incidentledger.detection.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders of transactions and settings for the rule tests. */
final class Transactions {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String HOT = "0xHotWallet000000000000000000000000000000a";
    static final String VAULT = "0xVault00000000000000000000000000000000000b";
    static final String ALICE = "0xa11ce00000000000000000000000000000000001";
    static final String BOB = "0xb0b0000000000000000000000000000000000002";

    private static int counter;

    private Transactions() {
    }

    static String nextHash() {
        return "0xhash" + (++counter);
    }

    static ChainTransaction transfer(String from, String to, String asset, String amount, Instant at) {
        return new ChainTransaction("ethereum", nextHash(), 100, at, from, to, asset, new BigDecimal(amount), null,
                ChainTransaction.Status.SUCCESS);
    }

    static ChainTransaction call(String from, String to, String method, ChainTransaction.Status status,
                                 Instant at) {
        return new ChainTransaction("ethereum", nextHash(), 100, at, from, to, null, null, method, status);
    }

    static ChainTransaction failed(ChainTransaction transaction) {
        return new ChainTransaction(transaction.chain(), transaction.hash(), transaction.block(),
                transaction.timestamp(), transaction.from(), transaction.to(), transaction.asset(),
                transaction.amount(), transaction.method(), ChainTransaction.Status.FAILED);
    }

    static List<RuleHit> evaluate(TransactionRule rule, ChainTransaction... transactions) {
        List<RuleHit> hits = new ArrayList<>();
        for (ChainTransaction transaction : transactions) {
            rule.evaluate(transaction, T0, hits);
        }
        return hits;
    }

    static TransactionRulesProperties.Windows windows() {
        return new TransactionRulesProperties.Windows(null, null);
    }

    static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
