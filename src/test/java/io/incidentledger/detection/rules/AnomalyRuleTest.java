package io.incidentledger.detection.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.detection.rules.anomaly.AnomalyDetector;
import org.junit.jupiter.api.Test;

class AnomalyRuleTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final String HOT = "0xHotWallet000000000000000000000000000000a";
    private static final String SUBJECT = "ethereum/" + HOT.toLowerCase() + "/ETH";

    private int counter;

    /** One window an hour, 48 windows of history and learning, 8σ, at least 100 ETH a window and 50 ETH a transfer. */
    private static AnomalyRule rule(Integer maxSubjects) {
        return new AnomalyRule(new TransactionRulesProperties.Anomaly(null, null, null, null, null,
                Duration.ofHours(1), 48, 48, 12, maxSubjects, null, null, 8.0, null, null, null, 1.0,
                List.of(new TransactionRulesProperties.Anomaly.Asset("ethereum", "ETH", null, new BigDecimal("100"),
                        new BigDecimal("50"), null, null, null, null, null))));
    }

    private ChainTransaction outflow(String from, String amount, Instant at) {
        return new ChainTransaction("ethereum", "0xtx" + (++counter), 100, at, from, "0xcustomer", "ETH",
                new BigDecimal(amount), null, ChainTransaction.Status.SUCCESS);
    }

    /** Ten outflows of 1 to 2 ETH each hour for {@code hours} hours from MONDAY: a median window of about 15 ETH. */
    private List<RuleHit> learn(AnomalyRule rule, int hours) {
        List<RuleHit> hits = new ArrayList<>();
        for (int hour = 0; hour < hours; hour++) {
            for (int i = 0; i < 10; i++) {
                arrive(rule, outflow(HOT, String.valueOf(1 + (hour * 7 + i * 3) % 10 / 10.0),
                        MONDAY.plus(Duration.ofHours(hour).plusMinutes(i * 5L))), hits);
            }
        }
        return hits;
    }

    /** Evaluates a transaction as if its batch arrived at its block time. */
    private static void arrive(AnomalyRule rule, ChainTransaction transaction, List<RuleHit> hits) {
        rule.evaluate(transaction, transaction.timestamp(), hits);
    }

    private static Instant hour(int hour, int minute) {
        return MONDAY.plus(Duration.ofHours(hour).plusMinutes(minute));
    }

    @Test
    void aBurstOfLargeOutflowsHitsOnceWithTheNumbersThatExplainIt() {
        AnomalyRule rule = rule(null);
        assertThat(learn(rule, 48)).isEmpty();

        List<RuleHit> hits = new ArrayList<>();
        arrive(rule, outflow(HOT, "45", hour(48, 1)), hits);
        arrive(rule, outflow(HOT, "45", hour(48, 2)), hits);
        arrive(rule, outflow(HOT, "45", hour(48, 3)), hits);
        arrive(rule, outflow(HOT, "45", hour(48, 4)), hits);

        assertThat(hits).hasSize(1);
        RuleHit hit = hits.get(0);
        assertThat(hit.ruleId()).isEqualTo("outflow-anomaly");
        assertThat(hit.subject()).isEqualTo(HOT.toLowerCase());
        assertThat(hit.alertId()).isEqualTo("ethereum:" + HOT.toLowerCase() + ":ETH:" + hour(48, 0).toEpochMilli());
        assertThat(hit.description())
                .startsWith("Outflow of 135 ETH from " + HOT.toLowerCase() + " in the 1h window from "
                        + "2026-03-04T00:00:00Z is ")
                .contains("σ above its 2-day median of 14.5 (MAD 0)", "learned over 48 windows of 1h ETH",
                        "and above the largest window in that history (", "3 outflows so far");
    }

    @Test
    void aSubjectStillLearningDoesNotHit() {
        AnomalyRule rule = rule(null);
        learn(rule, 47);

        List<RuleHit> hits = new ArrayList<>();
        arrive(rule, outflow(HOT, "5000", hour(47, 1)), hits);

        assertThat(hits).isEmpty();
    }

    @Test
    void oneOutflowFarAboveTheLargestOnesHitsAsATransactionAndTheNextWindowMayHitAgain() {
        AnomalyRule rule = rule(null);
        learn(rule, 48);

        List<RuleHit> hits = new ArrayList<>();
        arrive(rule, outflow(HOT, "60", hour(48, 1)), hits);
        arrive(rule, outflow(HOT, "500", hour(48, 2)), hits);
        arrive(rule, outflow(HOT, "900", hour(50, 2)), hits);

        assertThat(hits).extracting(RuleHit::name).containsExactly(
                "Anomalously large outflow of 60 ETH from " + HOT.toLowerCase() + " on ethereum",
                "Anomalously large outflow of 900 ETH from " + HOT.toLowerCase() + " on ethereum");
        assertThat(hits.get(0).description()).contains("above its 2-day median largest outflow per window of 1.9");
    }

    @Test
    void aRedeliveredTransactionCountsOnceAndALateOneNotAtAll() {
        AnomalyRule rule = rule(null);
        learn(rule, 48);
        ChainTransaction half = outflow(HOT, "49", hour(48, 1));

        List<RuleHit> hits = new ArrayList<>();
        arrive(rule, half, hits);
        arrive(rule, half, hits);
        arrive(rule, half, hits);
        arrive(rule, outflow(HOT, "49", hour(47, 59)), hits);

        assertThat(hits).isEmpty();
        arrive(rule, outflow(HOT, "49", hour(48, 2)), hits);
        arrive(rule, outflow(HOT, "49", hour(48, 3)), hits);
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).description()).contains("3 outflows so far");
    }

    @Test
    void aBlockTimeMoreThanAWindowAheadOfItsArrivalIsNotCounted() {
        AnomalyRule rule = rule(null);
        learn(rule, 48);

        List<RuleHit> hits = new ArrayList<>();
        rule.evaluate(outflow(HOT, "5000", hour(60, 0)), hour(48, 0), hits);
        arrive(rule, outflow(HOT, "500", hour(48, 1)), hits);

        assertThat(hits).extracting(RuleHit::name)
                .containsExactly("Anomalously large outflow of 500 ETH from " + HOT.toLowerCase() + " on ethereum");
    }

    @Test
    void failedTransfersOtherAssetsAndUnwatchedChainsAreNotCounted() {
        AnomalyRule rule = rule(null);
        List<RuleHit> hits = new ArrayList<>();
        arrive(rule, new ChainTransaction("ethereum", "0xf", 1, MONDAY, HOT, null, "ETH", BigDecimal.TEN, null,
                ChainTransaction.Status.FAILED), hits);
        arrive(rule, new ChainTransaction("ethereum", "0xu", 1, MONDAY, HOT, null, "USDC", BigDecimal.TEN, null,
                ChainTransaction.Status.SUCCESS), hits);
        arrive(rule, new ChainTransaction("polygon", "0xp", 1, MONDAY, HOT, null, "ETH", BigDecimal.TEN, null,
                ChainTransaction.Status.SUCCESS), hits);

        assertThat(rule.detector().size()).isZero();
    }

    @Test
    void theLeastRecentlySeenSubjectIsDroppedAndLearnsAfresh() {
        AnomalyRule rule = rule(16);
        learn(rule, 2);
        for (int i = 0; i < 400; i++) {
            arrive(rule, outflow("0xother" + i, "1", hour(3, 0)), new ArrayList<>());
        }

        assertThat(rule.detector().size()).isLessThanOrEqualTo(16);
        assertThat(rule.detector().learnedWindows(SUBJECT)).isEqualTo(-1);
    }

    @Test
    void aRestoredDetectorHasTheSameStateAndGivesTheSameHits() {
        AnomalyRule before = rule(null);
        learn(before, 48);
        arrive(before, outflow(HOT, "30", hour(48, 1)), new ArrayList<>());

        AnomalyRule after = rule(null);
        before.detector().snapshot().forEach((subject, state) -> after.detector().restore(subject, state, null));

        assertThat(after.detector().snapshot()).containsOnlyKeys(SUBJECT);
        assertThat(after.detector().snapshot().get(SUBJECT)).isEqualTo(before.detector().snapshot().get(SUBJECT));
        List<RuleHit> hitsBefore = new ArrayList<>();
        List<RuleHit> hitsAfter = new ArrayList<>();
        for (ChainTransaction next : List.of(outflow(HOT, "40", hour(48, 2)), outflow(HOT, "50", hour(48, 3)),
                outflow(HOT, "2", hour(49, 3)))) {
            arrive(before, next, hitsBefore);
            arrive(after, next, hitsAfter);
        }
        assertThat(hitsAfter).hasSize(1).isEqualTo(hitsBefore);
        assertThat(after.detector().snapshot().get(SUBJECT)).isEqualTo(before.detector().snapshot().get(SUBJECT));
    }

    @Test
    void unreadableSavedStateIsIgnored() {
        AnomalyDetector detector = rule(null).detector();

        assertThat(detector.restore(SUBJECT, new byte[] {9, 9}, null)).isFalse();
        assertThat(detector.size()).isZero();
    }
}
