package io.incidentledger.detection.rules.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The anomaly rule's targets on a small labelled stream (the benchmark {@code -Dbench.only=anomaly} runs a larger
 * one): recall at least 0.9 of the injected drains, at most one false alarm per 100,000 transactions, and better
 * than the fixed rules alone in the same run.
 */
class AnomalyEvaluationTest {

    private static final SyntheticOutflows.Shape SMALL = new SyntheticOutflows.Shape(20260105L, 14, 7, 12, 8, 40,
            0.2, 0.25);

    @Test
    void theAnomalyRuleFindsNineInTenDrainsAtAtMostOneFalseAlarmPer100kTransactions() {
        AnomalyEvaluation.Result result = AnomalyEvaluation.run(SMALL, false);
        System.out.println(result.anomaly());

        assertThat(result.anomaly().incidents()).isEqualTo(20);
        assertThat(result.anomaly().recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.anomaly().falseAlarmsPer100k()).isLessThanOrEqualTo(1.0);
    }
}
