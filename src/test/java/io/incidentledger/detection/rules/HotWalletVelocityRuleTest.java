package io.incidentledger.detection.rules;

import static io.incidentledger.detection.rules.Transactions.BOB;
import static io.incidentledger.detection.rules.Transactions.HOT;
import static io.incidentledger.detection.rules.Transactions.T0;
import static io.incidentledger.detection.rules.Transactions.evaluate;
import static io.incidentledger.detection.rules.Transactions.failed;
import static io.incidentledger.detection.rules.Transactions.minutes;
import static io.incidentledger.detection.rules.Transactions.transfer;
import static io.incidentledger.detection.rules.Transactions.windows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.Test;

class HotWalletVelocityRuleTest {

    static final Duration WINDOW = minutes(10);

    private static HotWalletVelocityRule rule(String asset, String maxAmount, Integer maxCount,
                                              TransactionRulesProperties.Windows windows) {
        return new HotWalletVelocityRule(new TransactionRulesProperties.HotWalletVelocity(null, null, null, null,
                null, List.of(new TransactionRulesProperties.HotWalletVelocity.Wallet("ethereum", HOT, asset, WINDOW,
                maxAmount == null ? null : new BigDecimal(maxAmount), maxCount))), windows);
    }

    @Test
    void aSumExactlyAtTheLimitDoesNotHitAndOneMoreWeiWithinTheWindowDoes() {
        HotWalletVelocityRule rule = rule("ETH", "100", null, windows());

        assertThat(evaluate(rule,
                transfer(HOT, BOB, "ETH", "60", T0),
                transfer(HOT, BOB, "ETH", "40", T0.plus(WINDOW).minusMillis(1)))).isEmpty();
        List<RuleHit> hits = evaluate(rule, transfer(HOT, BOB, "ETH", "0.000000000000000001",
                T0.plus(WINDOW).minusMillis(1)));

        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.ruleId()).isEqualTo("hot-wallet-velocity");
            assertThat(hit.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(hit.correlationKey()).isEqualTo("rule:hot-wallet-velocity:ethereum:" + HOT.toLowerCase());
            assertThat(hit.sourceAlertId()).isEqualTo("hot-wallet-velocity:ethereum:" + HOT.toLowerCase() + ":ETH:"
                    + T0.toEpochMilli() + "-" + T0.plus(WINDOW).minusMillis(1).toEpochMilli());
            assertThat(hit.transactions()).hasSize(3);
        });
    }

    @Test
    void anOutflowExactlyOneWindowOlderThanTheLatestHasLeftTheWindow() {
        HotWalletVelocityRule rule = rule("ETH", "100", null, windows());

        assertThat(evaluate(rule,
                transfer(HOT, BOB, "ETH", "60", T0),
                transfer(HOT, BOB, "ETH", "41", T0.plus(WINDOW)))).isEmpty();
    }

    @Test
    void anOutflowJustInsideTheWindowStillCounts() {
        HotWalletVelocityRule rule = rule("ETH", "100", null, windows());

        assertThat(evaluate(rule,
                transfer(HOT, BOB, "ETH", "60", T0),
                transfer(HOT, BOB, "ETH", "41", T0.plus(WINDOW).minusMillis(1)))).hasSize(1);
    }

    @Test
    void aCountAboveTheLimitHitsOnceAndAgainOnlyAfterDroppingBelowIt() {
        HotWalletVelocityRule rule = rule(null, null, 2, windows());

        assertThat(evaluate(rule,
                transfer(HOT, BOB, "ETH", "1", T0),
                transfer(HOT, BOB, "USDC", "1", T0.plusSeconds(1)))).isEmpty();
        assertThat(evaluate(rule, transfer(HOT, BOB, "ETH", "1", T0.plusSeconds(2)))).hasSize(1);
        assertThat(evaluate(rule, transfer(HOT, BOB, "ETH", "1", T0.plusSeconds(3)))).isEmpty();
        // the window slides past the first four; back under the limit, then over it again
        Instant later = T0.plus(WINDOW).plusSeconds(3);
        assertThat(evaluate(rule, transfer(HOT, BOB, "ETH", "1", later))).isEmpty();
        assertThat(evaluate(rule,
                transfer(HOT, BOB, "ETH", "1", later.plusSeconds(1)),
                transfer(HOT, BOB, "ETH", "1", later.plusSeconds(2)))).hasSize(1);
    }

    @Test
    void aWindowWhoseOutflowsHaveAllLeftItHasDroppedBelowTheLimitSoTheNextBreachHits() {
        HotWalletVelocityRule rule = rule("ETH", "100", null, windows());

        assertThat(evaluate(rule, transfer(HOT, BOB, "ETH", "150", T0))).hasSize(1);
        // no outflow in between saw the window drop back; it did, as every earlier outflow has left it
        assertThat(evaluate(rule, transfer(HOT, BOB, "ETH", "150", T0.plus(WINDOW).plus(WINDOW)))).hasSize(1);
    }

    @Test
    void failedOutflowsInflowsOtherAssetsAndRedeliveriesDoNotCount() {
        HotWalletVelocityRule rule = rule("ETH", "100", null, windows());
        ChainTransaction first = transfer(HOT, BOB, "ETH", "60", T0);

        assertThat(evaluate(rule, first, first,
                failed(transfer(HOT, BOB, "ETH", "500", T0)),
                transfer(BOB, HOT, "ETH", "500", T0),
                transfer(HOT, BOB, "USDC", "500", T0))).isEmpty();
    }

    @Test
    void withoutBlockTimeTheReceiveTimeCounts() {
        HotWalletVelocityRule rule = rule("ETH", "100", null, windows());
        ChainTransaction noTime = transfer(HOT, BOB, "ETH", "60", null);
        List<RuleHit> hits = new ArrayList<>();

        rule.evaluate(noTime, T0, hits);
        rule.evaluate(transfer(HOT, BOB, "ETH", "41", null), T0.plus(WINDOW), hits);
        assertThat(hits).isEmpty();
        rule.evaluate(transfer(HOT, BOB, "ETH", "60", null), T0.plus(WINDOW).plusSeconds(1), hits);
        assertThat(hits).hasSize(1);
    }

    @Test
    void theNumberOfSubjectsIsBoundedDroppingTheLeastRecentlyUsed() {
        HotWalletVelocityRule rule = new HotWalletVelocityRule(new TransactionRulesProperties.HotWalletVelocity(
                null, null, null, null, null, List.of(
                new TransactionRulesProperties.HotWalletVelocity.Wallet("ethereum", "0x1", "ETH", WINDOW,
                        new BigDecimal("10"), null),
                new TransactionRulesProperties.HotWalletVelocity.Wallet("ethereum", "0x2", "ETH", WINDOW,
                        new BigDecimal("10"), null),
                new TransactionRulesProperties.HotWalletVelocity.Wallet("ethereum", "0x3", "ETH", WINDOW,
                        new BigDecimal("10"), null))), new TransactionRulesProperties.Windows(2, 100));

        evaluate(rule, transfer("0x1", BOB, "ETH", "6", T0), transfer("0x2", BOB, "ETH", "6", T0));
        evaluate(rule, transfer("0x3", BOB, "ETH", "6", T0));

        assertThat(rule.subjects()).isEqualTo(2);
        // 0x1's window was dropped: its next outflow starts a fresh window
        assertThat(evaluate(rule, transfer("0x1", BOB, "ETH", "6", T0))).isEmpty();
        assertThat(evaluate(rule, transfer("0x3", BOB, "ETH", "6", T0))).hasSize(1);
    }

    @Test
    void theEventsPerWindowAreBoundedDroppingTheOldest() {
        HotWalletVelocityRule rule = rule("ETH", "100", null, new TransactionRulesProperties.Windows(10, 2));

        assertThat(evaluate(rule,
                transfer(HOT, BOB, "ETH", "60", T0),
                transfer(HOT, BOB, "ETH", "30", T0.plusSeconds(1)),
                transfer(HOT, BOB, "ETH", "30", T0.plusSeconds(2)))).isEmpty();
    }

    @Test
    void aWalletNeedsALimitAndAnAmountLimitNeedsAnAsset() {
        assertThatThrownBy(() -> new TransactionRulesProperties.HotWalletVelocity.Wallet("ethereum", HOT, "ETH",
                WINDOW, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransactionRulesProperties.HotWalletVelocity.Wallet("ethereum", HOT, null,
                WINDOW, BigDecimal.ONE, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
