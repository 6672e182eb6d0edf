package io.incidentledger.detection.ingest.ozmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.web.Detections;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Mapping OpenZeppelin Monitor matches and the monitor settings, without the web layer. */
class OpenZeppelinMonitorMappingTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final OzMonitorProperties.MonitorMapping DEFAULTS =
            new OzMonitorProperties.MonitorMapping(Severity.MEDIUM, Category.OTHER);
    static final OzMonitorProperties PROPERTIES = new OzMonitorProperties("s", Duration.ofMinutes(5), DEFAULTS,
            Map.of("[Large Transfer of USDC Token]",
                    new OzMonitorProperties.MonitorMapping(Severity.CRITICAL, Category.SMART_CONTRACT_EXPLOIT)));

    static ObjectNode match() throws IOException {
        try (InputStream in = OpenZeppelinMonitorMappingTest.class
                .getResourceAsStream("/detection/ozmonitor/evm-match.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    static Detection map(JsonNode match) {
        return MonitorMatchMapper.map(match, PROPERTIES, "sha", NOW, NOW).detection();
    }

    @Test
    void monitorNamesMatchIgnoringCaseSpacesAndPunctuation() {
        assertThat(PROPERTIES.mappingFor("large transfer of USDC token").severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void anUnlistedMonitorGetsTheDefault() {
        assertThat(PROPERTIES.mappingFor("Something else")).isEqualTo(DEFAULTS);
    }

    @Test
    void theSecretIsNeverInTheSettingsText() {
        assertThat(new OzMonitorProperties("hunter2", Duration.ofMinutes(5), DEFAULTS, null).toString())
                .doesNotContain("hunter2");
    }

    @Test
    void anUntaggedMatchIsAcceptedLikeATaggedOne() throws IOException {
        Detection tagged = map(match());
        Detection untagged = map(match().get("EVM"));

        assertThat(untagged.correlationKey()).isEqualTo(tagged.correlationKey());
        assertThat(untagged.sourceAlertId()).isEqualTo(tagged.sourceAlertId());
    }

    @Test
    void theMatchedMonitoredAddressIsTheSubjectOfTheCorrelationKey() throws IOException {
        ObjectNode match = match();
        ObjectNode monitor = (ObjectNode) match.get("EVM").get("monitor");
        monitor.putArray("addresses")
                .add(JSON.createObjectNode().put("address", "0x00000000000000000000000000000000000000d1"))
                .add(JSON.createObjectNode().put("address", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"));

        assertThat(map(match).correlationKey()).endsWith(":0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    }

    @Test
    void hasNoNativeSeverity() throws IOException {
        assertThat(map(match()).nativeSeverity()).isNull();
    }

    @Test
    void refusesAMatchWithoutNetwork() throws IOException {
        ObjectNode match = match();
        ((ObjectNode) match.get("EVM")).remove("network_slug");

        assertThatThrownBy(() -> map(match)).isInstanceOf(CommandRefusedException.class)
                .hasMessageContaining("network_slug");
    }

    @Test
    void withoutASecretTheEndpointIsOff() {
        OzMonitorController controller = new OzMonitorController(Mockito.mock(Detections.class),
                new OzMonitorProperties(null, Duration.ofMinutes(5), DEFAULTS, null), JSON);

        assertThatThrownBy(() -> controller.ingest(new byte[0], "sig", "1", "sha"))
                .isInstanceOf(OzMonitorController.NotConfigured.class);
        assertThat(controller.notConfigured(new OzMonitorController.NotConfigured()).getStatusCode().value())
                .isEqualTo(503);
    }
}
