package io.incidentledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * An EVM node test that cannot run is reported as skipped with a message saying how to install ganache; under
 * {@code CI=true} it runs, and fails without one.
 */
class EvmNodeTestsAreReportedTest {

    @Test
    void withoutGanacheATestIsSkippedWithAMessageSayingHowToInstallIt() {
        ConditionEvaluationResult result = EvmNode.Condition.evaluate(name -> null, path -> false);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("EVM node tests skipped").contains("npm install --prefix /opt/incident-ledger/evm-node"));
    }

    @Test
    void underCiATestRunsEvenWithoutGanacheSoThatItFails() {
        assertThat(EvmNode.Condition.evaluate(Map.of("CI", "true")::get, path -> false).isDisabled()).isFalse();
    }

    @Test
    void ganacheIsFoundWhereCiInstallsItOrWhereTheVariablePointsAndNowhereElse() {
        assertThat(EvmNode.locate(name -> null, EvmNode.INSTALLED::equals)).isEqualTo(EvmNode.INSTALLED);
        Path elsewhere = Path.of("/usr/local/bin/ganache");
        assertThat(EvmNode.locate(Map.of(EvmNode.ENVIRONMENT, elsewhere.toString())::get, elsewhere::equals))
                .isEqualTo(elsewhere);
        assertThat(EvmNode.locate(Map.of(EvmNode.ENVIRONMENT, elsewhere.toString())::get, EvmNode.INSTALLED::equals))
                .as("a variable that points at nothing is not silently ignored").isNull();
    }
}
