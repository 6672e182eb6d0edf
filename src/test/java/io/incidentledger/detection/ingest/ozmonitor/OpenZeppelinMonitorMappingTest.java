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
    static final OzMonitorProperties PROPERTIES = new OzMonitorProperties("s", Duration.ofMinutes(5), 33_554_432L,
            DEFAULTS, Map.of("[Large Transfer of USDC Token]",
                    new OzMonitorProperties.MonitorMapping(Severity.CRITICAL, Category.SMART_CONTRACT_EXPLOIT)));

    /** The Stellar match's pool contract (called), the USDC contract (emits the transfer) and the sender. */
    static final String POOL = "CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSC4";
    static final String USDC = "CCW67TSZV3SSS2HXMBQ5JFGCKJNXKZM7UQUWUZPUTHXSTZLEO7SJMI75";
    static final String SOURCE_ACCOUNT = "GBZXN7PIRZGNMHGA7MUUUF4GWPY5AYPV6LY4UV2GL6VJGIQRXFDNMADI";

    static ObjectNode match() throws IOException {
        try (InputStream in = OpenZeppelinMonitorMappingTest.class
                .getResourceAsStream("/detection/ozmonitor/evm-match.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /**
     * A Stellar match as openzeppelin-monitor serialises it (src/models/blockchain/stellar/monitor.rs
     * {@code MonitorMatch}; the transaction as {@code TransactionInfo} in .../stellar/transaction.rs with
     * {@code decoded} in stellar-xdr 23's serde JSON, src/curr/generated.rs of stellar/rs-stellar-xdr; the ledger as
     * {@code LedgerInfo} in .../stellar/block.rs). The pool {@code CAAA…BSC4} (the second monitored address) is
     * called, and its {@code swap} makes the USDC contract {@code CCW67…MI75} (the first) emit a transfer. The base64
     * XDR fields are short stand-ins: nothing here reads them.
     */
    static ObjectNode stellarMatch() throws IOException {
        try (InputStream in = OpenZeppelinMonitorMappingTest.class
                .getResourceAsStream("/detection/ozmonitor/stellar-match.json")) {
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
        assertThat(new OzMonitorProperties("hunter2", Duration.ofMinutes(5), 33_554_432L, DEFAULTS, null).toString())
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
    void aStellarMatchIsCorrelatedByTheContractCalledNotTheFirstMonitoredAddress() throws IOException {
        Detection detection = map(stellarMatch());

        assertThat(detection.correlationKey()).isEqualTo("oz-monitor:Stellar Pool Swaps:stellar_mainnet:" + POOL);
        assertThat(detection.addresses()).first().isEqualTo(POOL);
        assertThat(detection.transactions())
                .containsExactly("3389e9f0f1a65f19736cacf544c2e825313e8447f569233bb8db39aa607c8889");
        assertThat(detection.sourceAlertId()).isEqualTo("Stellar Pool Swaps:stellar_mainnet:"
                + "3389e9f0f1a65f19736cacf544c2e825313e8447f569233bb8db39aa607c8889");
        assertThat(detection.description()).contains("functions swap(Address,Address,I128,I128)");
    }

    @Test
    void aStellarFeeBumpIsCorrelatedByTheContractItsInnerTransactionCalls() throws IOException {
        ObjectNode match = stellarMatch();
        ObjectNode decoded = (ObjectNode) match.get("Stellar").get("transaction").get("decoded");
        JsonNode inner = decoded.get("envelope");
        decoded.set("envelope", JSON.createObjectNode().set("tx_fee_bump", JSON.createObjectNode()
                .set("tx", JSON.createObjectNode().put("fee_source", SOURCE_ACCOUNT).put("fee", "6400000")
                        .<ObjectNode>set("inner_tx", inner).put("ext", "v0"))));

        assertThat(map(match).correlationKey()).endsWith(":" + POOL);
    }

    @Test
    void aStellarEventMatchIsCorrelatedByTheEmittingContractWhenTheCalledOneIsNotMonitored() throws IOException {
        ObjectNode match = stellarMatch();
        ObjectNode monitor = (ObjectNode) match.get("Stellar").get("monitor");
        monitor.putArray("addresses")
                .add(JSON.createObjectNode().put("address", "CBQHNAXSI55GX2GN6D67GK7BHVPSLJUGZQEU7WJ5LKR5PNUCGLIMAO4K"))
                .add(JSON.createObjectNode().put("address", USDC));

        assertThat(map(match).correlationKey()).endsWith(":" + USDC);
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
                new OzMonitorProperties(null, Duration.ofMinutes(5), 33_554_432L, DEFAULTS, null), JSON);

        assertThatThrownBy(() -> controller.ingest(new byte[0], "sig", "1", "sha"))
                .isInstanceOf(OzMonitorController.NotConfigured.class);
        assertThat(controller.notConfigured(new OzMonitorController.NotConfigured()).getStatusCode().value())
                .isEqualTo(503);
    }
}
