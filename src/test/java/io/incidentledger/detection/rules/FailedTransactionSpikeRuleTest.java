package io.incidentledger.detection.rules;

import static io.incidentledger.detection.rules.Transactions.ALICE;
import static io.incidentledger.detection.rules.Transactions.BOB;
import static io.incidentledger.detection.rules.Transactions.T0;
import static io.incidentledger.detection.rules.Transactions.VAULT;
import static io.incidentledger.detection.rules.Transactions.call;
import static io.incidentledger.detection.rules.Transactions.minutes;
import static io.incidentledger.detection.rules.Transactions.windows;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.incidentledger.detection.rules.ChainTransaction.Status;
import org.junit.jupiter.api.Test;

class FailedTransactionSpikeRuleTest {

    static final Duration WINDOW = minutes(5);

    /** Hits when at least 4 transactions are in the window and more than half of them failed. */
    private final FailedTransactionSpikeRule rule = new FailedTransactionSpikeRule(
            new TransactionRulesProperties.FailedTransactionSpike(null, null, null, null, null, List.of(
                    new TransactionRulesProperties.FailedTransactionSpike.Subject("ethereum", VAULT, WINDOW, 0.5, 4),
                    new TransactionRulesProperties.FailedTransactionSpike.Subject("ethereum", null, WINDOW, 0.9,
                            2))),
            windows());

    private final List<RuleHit> hits = new ArrayList<>();

    private void send(String to, Status status, Instant at) {
        rule.evaluate(call(ALICE, to, "swap", status, at), T0, hits);
    }

    @Test
    void anErrorRateExactlyAtTheLimitDoesNotHit() {
        send(VAULT, Status.FAILED, T0);
        send(VAULT, Status.FAILED, T0.plusSeconds(1));
        send(VAULT, Status.SUCCESS, T0.plusSeconds(2));
        send(VAULT, Status.SUCCESS, T0.plusSeconds(3));

        assertThat(hits).isEmpty();
    }

    @Test
    void aRateAboveTheLimitBelowTheMinimumCountDoesNotHitAndAtTheMinimumCountDoes() {
        send(VAULT, Status.FAILED, T0);
        send(VAULT, Status.FAILED, T0.plusSeconds(1));
        send(VAULT, Status.FAILED, T0.plusSeconds(2));
        assertThat(hits).isEmpty();

        send(VAULT, Status.SUCCESS, T0.plusSeconds(3));

        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.ruleId()).isEqualTo("failed-transaction-spike");
            assertThat(hit.correlationKey())
                    .isEqualTo("rule:failed-transaction-spike:ethereum:" + VAULT.toLowerCase());
            assertThat(hit.description()).startsWith("3 of 4 transactions");
            assertThat(hit.transactions()).hasSize(4);
        });
    }

    @Test
    void aFailureExactlyOneWindowEarlierHasLeftTheWindow() {
        send(VAULT, Status.FAILED, T0);
        send(VAULT, Status.FAILED, T0.plus(WINDOW).minusSeconds(3));
        send(VAULT, Status.FAILED, T0.plus(WINDOW).minusSeconds(2));
        send(VAULT, Status.SUCCESS, T0.plus(WINDOW));

        assertThat(hits).isEmpty();
    }

    @Test
    void aFailureJustInsideTheWindowStillCounts() {
        send(VAULT, Status.FAILED, T0);
        send(VAULT, Status.FAILED, T0.plus(WINDOW).minusSeconds(3));
        send(VAULT, Status.FAILED, T0.plus(WINDOW).minusSeconds(2));
        send(VAULT, Status.SUCCESS, T0.plus(WINDOW).minusMillis(1));

        assertThat(hits).hasSize(1);
    }

    @Test
    void aSubjectWithoutAddressKeepsOneWindowPerContract() {
        send(BOB, Status.FAILED, T0);
        send("0xcafe", Status.FAILED, T0);
        assertThat(hits).isEmpty();

        send(BOB, Status.FAILED, T0.plusSeconds(1));

        assertThat(hits).singleElement()
                .satisfies(hit -> assertThat(hit.correlationKey()).endsWith(":ethereum:" + BOB.toLowerCase()));
        assertThat(rule.subjects()).isEqualTo(2);
    }

    @Test
    void aBreachHitsOnceWhileItLasts() {
        for (int i = 0; i < 10; i++) {
            send(VAULT, Status.FAILED, T0.plusSeconds(i));
        }

        assertThat(hits).hasSize(1);
    }
}
