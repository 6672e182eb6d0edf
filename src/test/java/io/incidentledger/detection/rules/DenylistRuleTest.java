package io.incidentledger.detection.rules;

import static io.incidentledger.detection.rules.Transactions.ALICE;
import static io.incidentledger.detection.rules.Transactions.BOB;
import static io.incidentledger.detection.rules.Transactions.T0;
import static io.incidentledger.detection.rules.Transactions.evaluate;
import static io.incidentledger.detection.rules.Transactions.failed;
import static io.incidentledger.detection.rules.Transactions.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DenylistRuleTest {

    static final String SANCTIONED = "0xD90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b";
    static final String POLYGON_ONLY = "0x0000000000000000000000000000000000000bad";

    private final DenylistRule rule = new DenylistRule(new TransactionRulesProperties.Denylist(null, null, null,
            null, null, List.of(
            new TransactionRulesProperties.Denylist.Entry(null, SANCTIONED, "OFAC SDN"),
            new TransactionRulesProperties.Denylist.Entry("polygon", POLYGON_ONLY, null))));

    @Test
    void aTransferToAListedAddressHitsWhateverTheCaseOfTheAddress() {
        ChainTransaction transfer = transfer(ALICE, SANCTIONED.toUpperCase().replace("0X", "0x"), "ETH", "1", T0);

        assertThat(evaluate(rule, transfer)).singleElement().satisfies(hit -> {
            assertThat(hit.ruleId()).isEqualTo("denylisted-address");
            assertThat(hit.correlationKey()).isEqualTo("rule:denylisted-address:ethereum:" + SANCTIONED.toLowerCase());
            assertThat(hit.description()).contains("OFAC SDN");
        });
    }

    @Test
    void aTransferFromAListedAddressHitsEvenWhenItFailed() {
        assertThat(evaluate(rule, failed(transfer(SANCTIONED.toLowerCase(), BOB, "ETH", "1", T0)))).hasSize(1);
    }

    @Test
    void unlistedAddressesAndOtherChainsOfAChainBoundEntryDoNotHit() {
        assertThat(evaluate(rule, transfer(ALICE, BOB, "ETH", "1", T0))).isEmpty();
        assertThat(evaluate(rule, transfer(ALICE, POLYGON_ONLY, "ETH", "1", T0))).isEmpty();
    }
}
