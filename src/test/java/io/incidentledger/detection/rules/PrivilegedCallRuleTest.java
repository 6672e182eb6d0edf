package io.incidentledger.detection.rules;

import static io.incidentledger.detection.rules.Transactions.ALICE;
import static io.incidentledger.detection.rules.Transactions.BOB;
import static io.incidentledger.detection.rules.Transactions.T0;
import static io.incidentledger.detection.rules.Transactions.VAULT;
import static io.incidentledger.detection.rules.Transactions.call;
import static io.incidentledger.detection.rules.Transactions.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.incidentledger.detection.rules.ChainTransaction.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivilegedCallRuleTest {

    static final String SAFE = "0x5afe000000000000000000000000000000000003";

    private final PrivilegedCallRule rule = new PrivilegedCallRule(new TransactionRulesProperties.PrivilegedCall(
            null, null, null, null, null, List.of(
            new TransactionRulesProperties.PrivilegedCall.Contract("ethereum", VAULT, null),
            new TransactionRulesProperties.PrivilegedCall.Contract("ethereum", SAFE,
                    List.of("addOwnerWithThreshold(address,uint256)", "removeOwner", "changeThreshold")))));

    @ParameterizedTest
    @ValueSource(strings = {"transferOwnership", "transferOwnership(address)", "grantRole(bytes32,address)",
            "upgradeTo(address)", "upgradeToAndCall(address,bytes)", "Upgraded(address)",
            "OwnershipTransferred(address,address)", " UPGRADETO "})
    void theDefaultAdminMethodsAndEventsOnAWatchedContractHit(String method) {
        assertThat(evaluate(rule, call(ALICE, VAULT.toLowerCase(), method, Status.SUCCESS, T0)))
                .singleElement().satisfies(hit -> {
                    assertThat(hit.ruleId()).isEqualTo("privileged-call");
                    assertThat(hit.correlationKey()).isEqualTo("rule:privileged-call:ethereum:" + VAULT.toLowerCase());
                    assertThat(hit.addresses()).containsExactly(VAULT.toLowerCase(), ALICE.toLowerCase());
                });
    }

    @Test
    void safeOwnerAndThresholdChangesHitEvenWhenTheCallFailed() {
        assertThat(evaluate(rule,
                call(ALICE, SAFE, "addOwnerWithThreshold(address,uint256)", Status.FAILED, T0),
                call(ALICE, SAFE, "removeOwner(address,address,uint256)", Status.SUCCESS, T0),
                call(ALICE, SAFE, "changeThreshold", Status.SUCCESS, T0))).hasSize(3);
    }

    @Test
    void ordinaryMethodsUnwatchedContractsAndMethodsNotListedForAContractDoNotHit() {
        assertThat(evaluate(rule,
                call(ALICE, VAULT, "transfer(address,uint256)", Status.SUCCESS, T0),
                call(ALICE, BOB, "transferOwnership(address)", Status.SUCCESS, T0),
                call(ALICE, SAFE, "transferOwnership(address)", Status.SUCCESS, T0),
                call(ALICE, VAULT, null, Status.SUCCESS, T0))).isEmpty();
    }

    @Test
    void aContractWithoutAddressWatchesEveryContractOnItsChain() {
        PrivilegedCallRule everywhere = new PrivilegedCallRule(new TransactionRulesProperties.PrivilegedCall(
                null, null, null, null, null,
                List.of(new TransactionRulesProperties.PrivilegedCall.Contract("ethereum", null, List.of()))));

        assertThat(evaluate(everywhere, call(ALICE, BOB, "grantRole", Status.SUCCESS, T0))).hasSize(1);
    }
}
