package io.incidentledger.detection.rules;

import static io.incidentledger.detection.rules.Transactions.ALICE;
import static io.incidentledger.detection.rules.Transactions.BOB;
import static io.incidentledger.detection.rules.Transactions.HOT;
import static io.incidentledger.detection.rules.Transactions.T0;
import static io.incidentledger.detection.rules.Transactions.VAULT;
import static io.incidentledger.detection.rules.Transactions.call;
import static io.incidentledger.detection.rules.Transactions.minutes;
import static io.incidentledger.detection.rules.Transactions.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.incidentledger.detection.rules.ChainTransaction.Status;
import org.junit.jupiter.api.Test;

class TransactionRulesTest {

    static TransactionRulesProperties properties(Boolean enabled, Boolean largeTransferEnabled) {
        return new TransactionRulesProperties(enabled, null,
                new TransactionRulesProperties.LargeTransfer(null, null, largeTransferEnabled, null, null,
                        List.of(new TransactionRulesProperties.LargeTransfer.Threshold("ethereum", "ETH",
                                new BigDecimal("100")))),
                new TransactionRulesProperties.Denylist(null, null, null, null, null,
                        List.of(new TransactionRulesProperties.Denylist.Entry(null, BOB, null))),
                new TransactionRulesProperties.HotWalletVelocity(null, null, null, null, null,
                        List.of(new TransactionRulesProperties.HotWalletVelocity.Wallet("ethereum", HOT, null,
                                minutes(60), null, 999))),
                new TransactionRulesProperties.PrivilegedCall(null, null, null, null, null,
                        List.of(new TransactionRulesProperties.PrivilegedCall.Contract("ethereum", VAULT, null))),
                null);
    }

    @Test
    void everyEnabledAndConfiguredRuleRunsInBatchOrder() {
        TransactionRules rules = new TransactionRules(properties(null, null));

        List<RuleHit> hits = rules.evaluate(List.of(
                transfer(ALICE, BOB, "ETH", "500", T0),
                call(ALICE, VAULT, "upgradeTo(address)", Status.SUCCESS, T0)), T0);

        assertThat(rules.activeRules())
                .containsExactly("large-transfer", "denylisted-address", "hot-wallet-velocity", "privileged-call");
        assertThat(hits).extracting(RuleHit::ruleId)
                .containsExactly("large-transfer", "denylisted-address", "privileged-call");
    }

    @Test
    void aDisabledRuleDoesNotRun() {
        TransactionRules rules = new TransactionRules(properties(true, false));

        assertThat(rules.activeRules()).doesNotContain("large-transfer");
        assertThat(rules.evaluate(List.of(transfer(ALICE, ALICE, "ETH", "500", T0)), T0)).isEmpty();
    }

    @Test
    void theGlobalSwitchMakesEvaluationANoOp() {
        TransactionRules rules = new TransactionRules(properties(false, null));

        assertThat(rules.active()).isFalse();
        assertThat(rules.evaluate(List.of(transfer(ALICE, BOB, "ETH", "500", T0)), T0)).isEmpty();
    }

    @Test
    void withoutConfigurationNoRuleRuns() {
        TransactionRules rules = new TransactionRules(new TransactionRulesProperties(null, null, null, null, null,
                null, null));

        assertThat(rules.active()).isFalse();
    }

    @Test
    void concurrentBatchesShareTheWindowsWithoutLosingOrDoublingAHit() throws Exception {
        TransactionRules rules = new TransactionRules(new TransactionRulesProperties(true, null, null, null,
                new TransactionRulesProperties.HotWalletVelocity(null, null, null, null, null,
                        List.of(new TransactionRulesProperties.HotWalletVelocity.Wallet("ethereum", HOT, "ETH",
                                minutes(60), new BigDecimal("3999"), null))),
                null, null));
        int threads = 8;
        int perThread = 500;
        List<RuleHit> hits = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        ChainTransaction outflow = new ChainTransaction("ethereum", "0x" + thread + "-" + i, 1,
                                T0.plusMillis(i), HOT, BOB, "ETH", BigDecimal.ONE, null, Status.SUCCESS);
                        hits.addAll(rules.evaluate(List.of(outflow), T0));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // 4,000 outflows of 1 ETH within the hour: the sum passes 3,999 exactly once
        assertThat(hits).hasSize(1);
    }
}
