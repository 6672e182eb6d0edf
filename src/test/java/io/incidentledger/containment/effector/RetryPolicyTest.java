package io.incidentledger.containment.effector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    @ParameterizedTest(name = "after attempt {0} the default waits {1}")
    @CsvSource({
        "1, PT2S", "2, PT4S", "3, PT8S", "4, PT16S", "5, PT32S", "6, PT1M4S", "7, PT2M8S", "8, PT4M16S",
        "9, PT5M", "10, PT5M", "64, PT5M", "2147483647, PT5M"
    })
    void theDefaultWaitDoublesFromTwoSecondsUpToFiveMinutes(int attempt, Duration expected) {
        assertThat(RetryPolicy.DEFAULT.backoffAfter(attempt)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} x {1}^(n-1) capped at {2}: after attempt {3} waits {4}")
    @CsvSource({
        "PT1S,   1.0, PT10S,  1, PT1S",
        "PT1S,   1.0, PT10S,  7, PT1S",
        "PT0.5S, 1.5, PT10S,  3, PT1.125S",
        "PT1S,   3.0, PT10S,  3, PT9S",
        "PT1S,   3.0, PT10S,  4, PT10S",
        "PT30S,  2.0, PT30S,  2, PT30S"
    })
    void theWaitGrowsByTheMultiplierAndIsCapped(Duration initial, double multiplier, Duration max, int attempt,
                                                Duration expected) {
        assertThat(new RetryPolicy(10, initial, multiplier, max).backoffAfter(attempt)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1, false", "4, false", "5, true", "6, true"})
    void fiveAttemptsAreAllowedByDefault(int attempt, boolean exhausted) {
        assertThat(RetryPolicy.DEFAULT.exhausted(attempt)).isEqualTo(exhausted);
    }

    @Test
    void givingUpKeepsTheLastReasonAndCountsTheAttempts() {
        assertThat(RetryPolicy.DEFAULT.giveUp(5, new EffectorResult.RetryableFailure("kms:443 answered 503")))
                .isEqualTo(new EffectorResult.PermanentFailure("gave up after 5 attempts: kms:443 answered 503"));
    }

    @Test
    void nonsensicalPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(5)))
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, 2, Duration.ofSeconds(5)))
                .hasMessageContaining("initial-backoff");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(5)))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(5)))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), 2, Duration.ofSeconds(5)))
                .hasMessageContaining("max-backoff");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.backoffAfter(0)).hasMessageContaining("attempt");
    }
}
