package io.incidentledger.detection.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ByteArrayResource;

/** The YAML of docs/detections.md binds as documented, and bad parameters stop the start. */
class TransactionRulesPropertiesTest {

    /** The documented defaults, with the example hot wallet filled in. */
    static final String YAML = """
            incident-ledger:
              detection:
                rules:
                  enabled: true
                  windows:
                    max-subjects: 10000
                    max-events-per-window: 10000
                  large-transfer:
                    version: "1"
                    severity: HIGH
                    category: FRAUDULENT_TRANSACTION
                    thresholds:
                      - chain: ethereum
                        asset: ETH
                        threshold: 50
                      - chain: ethereum
                        asset: USDC
                        threshold: 10000
                  denylist:
                    addresses: []
                  hot-wallet-velocity:
                    severity: CRITICAL
                    category: KEY_COMPROMISE
                    wallets:
                      - chain: ethereum
                        address: "0x00000000000000000000000000000000000000a1"
                        asset: ETH
                        window: 1h
                        max-amount: 500
                        max-count: 100
                  privileged-call:
                    contracts:
                      - chain: ethereum
                  failed-transaction-spike:
                    subjects:
                      - chain: ethereum
                        window: 10m
                        max-error-rate: 0.5
                        min-count: 20
            """;

    private static TransactionRulesProperties bind(String yaml) {
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        Map<Object, Object> properties = factory.getObject();
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("incident-ledger.detection.rules", TransactionRulesProperties.class);
    }

    @Test
    void theDocumentedYamlBinds() {
        TransactionRulesProperties properties = bind(YAML);

        assertThat(properties.enabled()).isTrue();
        assertThat(properties.largeTransfer().id()).isEqualTo("large-transfer");
        assertThat(properties.largeTransfer().thresholds()).extracting(
                        TransactionRulesProperties.LargeTransfer.Threshold::threshold)
                .containsExactly(new BigDecimal("50"), new BigDecimal("10000"));
        assertThat(properties.hotWalletVelocity().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(properties.hotWalletVelocity().wallets().get(0).window()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.privilegedCall().contracts().get(0).methods())
                .isEqualTo(TransactionRulesProperties.PrivilegedCall.DEFAULT_METHODS);
        assertThat(properties.failedTransactionSpike().category()).isEqualTo(Category.SMART_CONTRACT_EXPLOIT);
        assertThat(new TransactionRules(properties).activeRules()).containsExactly("large-transfer",
                "hot-wallet-velocity", "privileged-call", "failed-transaction-spike");
    }

    @Test
    void theGlobalSwitchTurnsEveryRuleOff() {
        TransactionRulesProperties properties = bind(YAML.replace("    enabled: true", "    enabled: false"));

        assertThat(new TransactionRules(properties).active()).isFalse();
    }

    @Test
    void nothingConfiguredBindsToNoActiveRule() {
        assertThat(new TransactionRules(bind("other: 1\n")).active()).isFalse();
    }

    @Test
    void aWindowRuleWithoutWindowStopsTheStart() {
        assertThatThrownBy(() -> bind(YAML.replace("window: 10m", "window: 0s")))
                .isInstanceOf(BindException.class)
                .hasRootCauseMessage("failed-transaction-spike.subjects[].window must be a positive duration");
    }
}
