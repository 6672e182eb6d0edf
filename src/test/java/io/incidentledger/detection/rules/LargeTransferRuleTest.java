package io.incidentledger.detection.rules;

import static io.incidentledger.detection.rules.Transactions.ALICE;
import static io.incidentledger.detection.rules.Transactions.BOB;
import static io.incidentledger.detection.rules.Transactions.T0;
import static io.incidentledger.detection.rules.Transactions.evaluate;
import static io.incidentledger.detection.rules.Transactions.failed;
import static io.incidentledger.detection.rules.Transactions.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.Test;

class LargeTransferRuleTest {

    private final LargeTransferRule rule = new LargeTransferRule(new TransactionRulesProperties.LargeTransfer(
            null, "2", null, null, null, List.of(
            new TransactionRulesProperties.LargeTransfer.Threshold("ethereum", "ETH", new BigDecimal("100")),
            new TransactionRulesProperties.LargeTransfer.Threshold("Ethereum", "usdc", new BigDecimal("250000")))));

    @Test
    void anAmountExactlyAtTheThresholdDoesNotHit() {
        assertThat(evaluate(rule, transfer(ALICE, BOB, "ETH", "100", T0))).isEmpty();
        assertThat(evaluate(rule, transfer(ALICE, BOB, "ETH", "100.000", T0))).isEmpty();
    }

    @Test
    void theSmallestAmountAboveTheThresholdHits() {
        ChainTransaction transfer = transfer(ALICE, BOB, "ETH", "100.000000000000000001", T0);

        List<RuleHit> hits = evaluate(rule, transfer);

        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.ruleId()).isEqualTo("large-transfer");
            assertThat(hit.ruleVersion()).isEqualTo("2");
            assertThat(hit.severity()).isEqualTo(Severity.HIGH);
            assertThat(hit.category()).isEqualTo(Category.FRAUDULENT_TRANSACTION);
            assertThat(hit.sourceAlertId()).isEqualTo("large-transfer:" + transfer.hash());
            assertThat(hit.correlationKey()).isEqualTo("rule:large-transfer:ethereum:" + ALICE.toLowerCase());
            assertThat(hit.addresses()).containsExactly(ALICE.toLowerCase(), BOB.toLowerCase());
            assertThat(hit.transactions()).containsExactly(transfer.hash());
            assertThat(hit.observedAt()).isEqualTo(T0);
        });
    }

    @Test
    void thresholdsArePerChainAndAssetCaseInsensitively() {
        assertThat(evaluate(rule, transfer(ALICE, BOB, "USDC", "250000", T0))).isEmpty();
        assertThat(evaluate(rule, transfer(ALICE, BOB, "USDC", "250000.01", T0))).hasSize(1);
        assertThat(evaluate(rule, transfer(ALICE, BOB, "DAI", "1000000000", T0))).isEmpty();
        ChainTransaction otherChain = new ChainTransaction("polygon", "0xp", 1, T0, ALICE, BOB, "ETH",
                new BigDecimal("1000"), null, ChainTransaction.Status.SUCCESS);
        assertThat(evaluate(rule, otherChain)).isEmpty();
    }

    @Test
    void aFailedTransferMovesNothingAndDoesNotHit() {
        assertThat(evaluate(rule, failed(transfer(ALICE, BOB, "ETH", "5000", T0)))).isEmpty();
    }
}
