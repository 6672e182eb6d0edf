package io.incidentledger.detection.ingest.forta;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentledger.testing.FortaScanNodes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The Forta settings bind as docs/detections.md shows them, and a scan node that is not one stops the start. */
class FortaPropertiesTest {

    private static final String NODE = "incident-ledger.detection.forta.scan-nodes[0].";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FortaProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void aListedScanNodeBinds() {
        runner.withPropertyValues(NODE + "name=scan-node-1", NODE + "address=" + FortaScanNodes.ADDRESS)
                .run(context -> {
                    FortaProperties properties = context.getBean(FortaProperties.class);
                    assertThat(properties.maxBatchSize()).isEqualTo(1000);
                    assertThat(properties.scanNodes()).containsExactly(
                            new FortaProperties.ScanNode("scan-node-1", FortaScanNodes.ADDRESS));
                });
    }

    @Test
    void aScanNodeAddressThatIsNoAddressStopsTheStart() {
        runner.withPropertyValues(NODE + "name=scan-node-1", NODE + "address=0x1234")
                .run(context -> assertThat(context).hasFailed());
    }
}
