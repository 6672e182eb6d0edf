package io.incidentledger.detection.rules.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The anomaly rule's targets on a small labelled stream (the benchmark {@code -Dbench.only=anomaly} runs a larger
 * one, docs/anomalies.md "Evaluation"): at least nine in ten injected drains detected, at most one false alarm per
 * 100,000 transactions evaluated. The stream is seeded, so a change that loses a drain or adds false alarms fails
 * here rather than silently.
 */
class AnomalyEvaluationTest {

    /** 14 days (7 learning), 12 hot wallets, 8 bridges, 40 ordinary wallets, a fifth of one-off senders. */
    private static final SyntheticOutflows.Shape SMALL = new SyntheticOutflows.Shape(424242L, 14, 7, 12, 8, 40,
            0.2, 0.25);

    @Test
    void theAnomalyRuleFindsNineInTenDrainsWithAtMostOneFalseAlarmPer100kTransactions() {
        AnomalyEvaluation.Score score = AnomalyEvaluation.run(SMALL, false).anomaly();

        assertThat(score.incidents()).isEqualTo(20);
        assertThat(score.recall()).as("recall, %s", score).isGreaterThanOrEqualTo(0.9);
        assertThat(score.falseAlarmsPer100k()).as("false alarms per 100k, %s", score).isLessThanOrEqualTo(1.0);
        assertThat(score.hardNegativesAlarmed()).as("legitimately large withdrawals alarmed").isZero();
    }
}
