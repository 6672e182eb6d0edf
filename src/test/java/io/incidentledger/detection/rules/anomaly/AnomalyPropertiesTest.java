package io.incidentledger.detection.rules.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.TransactionRulesProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

/** The anomaly rule's YAML in docs/anomalies.md and application.yml binds as documented; bad values stop the start. */
class AnomalyPropertiesTest {

    private static TransactionRulesProperties bind(YamlPropertiesFactoryBean factory) {
        Map<Object, Object> properties = factory.getObject();
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("incident-ledger.detection.rules", TransactionRulesProperties.class);
    }

    private static TransactionRulesProperties bind(String yaml) {
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        return bind(factory);
    }

    /** The first ```yaml block of docs/anomalies.md. */
    private static String documentedYaml() throws Exception {
        String doc = Files.readString(Path.of("docs", "anomalies.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        return doc.substring(start, doc.indexOf("```", start));
    }

    @Test
    void theDocumentedYamlBindsAndRunsTheRule() throws Exception {
        TransactionRulesProperties properties = bind(documentedYaml());

        TransactionRulesProperties.Anomaly anomaly = properties.anomaly();
        assertThat(anomaly.window()).isEqualTo(Duration.ofHours(1));
        assertThat(anomaly.historyWindows()).isEqualTo(168);
        assertThat(anomaly.assets()).extracting(TransactionRulesProperties.Anomaly.Asset::minWindowAmount)
                .containsExactly(new BigDecimal("100"), new BigDecimal("200000"));
        assertThat(new TransactionRules(properties).activeRules()).containsExactly("outflow-anomaly");
    }

    @Test
    void applicationYmlHasTheDefaultsAndNoAssetSoTheRuleDoesNotRun() {
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(new FileSystemResource("src/main/resources/application.yml"));
        TransactionRulesProperties.Anomaly anomaly = bind(factory).anomaly();
        TransactionRulesProperties.Anomaly defaults = new TransactionRulesProperties(null, null, null, null, null,
                null, null).anomaly();

        assertThat(anomaly.assets()).isEmpty();
        assertThat(anomaly).usingRecursiveComparison().isEqualTo(defaults);
    }

    @Test
    void aLearningPeriodLongerThanTheHistoryStopsTheStart() {
        assertThatThrownBy(() -> bind("""
                incident-ledger.detection.rules.anomaly:
                  history-windows: 24
                  learning-windows: 48
                """)).isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("learning-windows must not exceed history-windows");
    }

    @Test
    void anAssetWithoutMinimumAmountsStopsTheStart() {
        assertThatThrownBy(() -> bind("""
                incident-ledger.detection.rules.anomaly.assets:
                  - chain: ethereum
                    asset: ETH
                """)).isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("needs a positive min-window-amount and min-transaction-amount");
    }
}
