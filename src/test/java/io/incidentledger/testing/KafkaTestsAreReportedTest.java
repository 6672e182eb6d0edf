package io.incidentledger.testing;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka test whose embedded broker cannot start is reported as skipped with the reason; under {@code CI=true} it
 * runs, and fails.
 */
class KafkaTestsAreReportedTest {

    private static final RuntimeException NO_BROKER = new IllegalStateException("address already in use");

    @Test
    void aBrokerThatCannotStartSkipsTheTestWithTheReason() {
        ConditionEvaluationResult result = KafkaBroker.Condition.evaluate(name -> null, NO_BROKER);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("Kafka tests skipped").contains("address already in use"));
    }

    @Test
    void underCiATestRunsEvenWithoutABrokerSoThatItFails() {
        assertThat(KafkaBroker.Condition.evaluate(Map.of("CI", "true")::get, NO_BROKER).isDisabled()).isFalse();
    }

    @Test
    void aRunningBrokerRunsTheTest() {
        assertThat(KafkaBroker.Condition.evaluate(name -> null, null).isDisabled()).isFalse();
    }
}
