package io.incidentledger.detection.ingest.forta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.detection.api.Detection;
import io.incidentledger.detection.api.DetectionLabel;
import io.incidentledger.detection.api.DetectionSource;
import io.incidentledger.incident.api.Category;
import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Mapping Forta alerts and findings to detections, without the web layer. */
class FortaAlertMapperTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");

    static ObjectNode resource(String name) throws IOException {
        try (InputStream in = FortaAlertMapperTest.class.getResourceAsStream("/detection/forta/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    static Detection map(JsonNode alert) {
        return FortaAlertMapper.map(alert, "sha", RECEIVED).detection();
    }

    @Test
    void mapsTheAlertShape() throws IOException {
        Detection detection = map(resource("alert.json"));

        assertThat(detection.source()).isEqualTo(DetectionSource.FORTA);
        assertThat(detection.sourceAlertId())
                .isEqualTo("0x7a1c3e5f0d2b4a6c8e9f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c0d");
        assertThat(detection.name()).isEqualTo("Attack detected");
        assertThat(detection.nativeSeverity()).isEqualTo("CRITICAL");
        assertThat(detection.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(detection.category()).isEqualTo(Category.SMART_CONTRACT_EXPLOIT);
        assertThat(detection.chainId()).isEqualTo("1");
        assertThat(detection.addresses()).containsExactly("0xA11CE0000000000000000000000000000000bEEF",
                "0x00000000000000000000000000000000000000b0");
        assertThat(detection.transactions())
                .containsExactly("0xfeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedface");
        // Forta's createdAt has nanoseconds; the system keeps every instant to the microsecond (common.Instants)
        assertThat(detection.observedAt()).isEqualTo(Instant.parse("2026-02-28T23:59:58.123456Z"));
        assertThat(detection.receivedAt()).isEqualTo(RECEIVED);
        assertThat(detection.payloadSha256()).isEqualTo("sha");
        assertThat(detection.correlationKey())
                .isEqualTo("forta:ATTACK-DETECTOR-1:1:0xa11ce0000000000000000000000000000000beef");
    }

    @Test
    void keepsLabelsButNotLabelRemovals() throws IOException {
        assertThat(map(resource("alert.json")).labels()).containsExactly(
                new DetectionLabel("attacker", "0xA11CE0000000000000000000000000000000bEEF", 0.9));
    }

    @Test
    void mapsTheFindingShape() throws IOException {
        Detection detection = map(resource("finding.json"));

        assertThat(detection.sourceAlertId()).isEqualTo("NETHFORTA-4/ownership-0xabc-7");
        assertThat(detection.nativeSeverity()).isEqualTo("HIGH");
        assertThat(detection.severity()).isEqualTo(Severity.HIGH);
        assertThat(detection.category()).isEqualTo(Category.FRAUDULENT_TRANSACTION);
        assertThat(detection.chainId()).isEqualTo("137");
        assertThat(detection.transactions())
                .containsExactly("0x0000000000000000000000000000000000000000000000000000000000000abc");
        assertThat(detection.observedAt()).isEqualTo(Instant.parse("2026-02-28T22:00:00Z"));
        assertThat(detection.correlationKey())
                .isEqualTo("forta:NETHFORTA-4:137:0x00000000000000000000000000000000000000c0");
    }

    @Test
    void takesTheSdkNumericSeverityAndType() throws IOException {
        ObjectNode finding = resource("finding.json");
        finding.put("severity", 3);
        finding.put("type", 3);

        Detection detection = map(finding);

        assertThat(detection.nativeSeverity()).isEqualTo("MEDIUM");
        assertThat(detection.category()).isEqualTo(Category.SERVICE_DISRUPTION);
    }

    @Test
    void fallsBackToTheBlockTimeAndChainWhenTheAlertHasNone() throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.remove("createdAt");
        alert.remove("chainId");

        Detection detection = map(alert);

        assertThat(detection.observedAt()).isEqualTo(Instant.parse("2026-02-28T23:59:47Z"));
        assertThat(detection.chainId()).isEqualTo("1");
    }

    @ParameterizedTest
    @CsvSource({"CRITICAL,CRITICAL", "HIGH,HIGH", "MEDIUM,MEDIUM", "LOW,LOW", "INFO,LOW", "UNKNOWN,LOW"})
    void mapsSeverity(String forta, Severity ours) {
        assertThat(FortaAlertMapper.severity(forta)).isEqualTo(ours);
    }

    @ParameterizedTest
    @CsvSource({"EXPLOIT,SMART_CONTRACT_EXPLOIT", "SUSPICIOUS,FRAUDULENT_TRANSACTION", "DEGRADED,SERVICE_DISRUPTION",
            "INFO,OTHER", "SCAM,OTHER", "UNKNOWN,OTHER"})
    void mapsCategory(String findingType, Category ours) {
        assertThat(FortaAlertMapper.category(findingType)).isEqualTo(ours);
    }

    @Test
    void aMissingFindingTypeIsOther() throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.remove("findingType");

        assertThat(map(alert).category()).isEqualTo(Category.OTHER);
    }

    @Test
    void refusesAnAlertWithoutAlertId() throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.remove("alertId");

        assertThatThrownBy(() -> map(alert)).isInstanceOfSatisfying(CommandRefusedException.class, refused -> {
            assertThat(refused.code()).isEqualTo("invalid-detection");
            assertThat(refused.kind()).isEqualTo(CommandRefusedException.Kind.INVALID);
        }).hasMessageContaining("alertId");
    }

    @Test
    void refusesAnUnknownSeverity() throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.put("severity", "SEVERE");

        assertThatThrownBy(() -> map(alert)).isInstanceOf(CommandRefusedException.class)
                .hasMessageContaining("severity");
    }

    @Test
    void refusesAConfidenceOutsideZeroToOne() throws IOException {
        ObjectNode alert = resource("alert.json");
        ((ObjectNode) alert.get("labels").get(0)).put("confidence", 1.5);

        assertThatThrownBy(() -> map(alert)).isInstanceOf(CommandRefusedException.class)
                .hasMessageContaining("confidence");
    }

    @Test
    void refusesAddressesThatAreNotStrings() throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.putArray("addresses").add(42);

        assertThatThrownBy(() -> map(alert)).isInstanceOf(CommandRefusedException.class)
                .hasMessageContaining("addresses");
    }

    @Test
    void truncatesATitleLongerThanTheIncidentTitle() throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.put("name", "x".repeat(250));

        FortaAlertMapper.Mapped mapped = FortaAlertMapper.map(alert, "sha", RECEIVED);

        assertThat(mapped.title()).hasSize(200);
        assertThat(mapped.detection().name()).hasSize(250);
    }

    /**
     * An alert as the Forta GraphQL API returns it (forta-core-go clients/graphql/client_test.go): the protocol's
     * enum names ({@code INFORMATION}), an empty {@code transactionHash}, labels with {@code entityType} and
     * {@code metadata} as a list of strings.
     */
    @Test
    void mapsAnAlertOfTheGraphqlApiWithTheProtocolsEnumNamesAndItsLabels() throws IOException {
        Detection detection = map(resource("graphql-alert.json"));

        assertThat(detection.nativeSeverity()).isEqualTo("HIGH");
        assertThat(detection.category()).isEqualTo(Category.OTHER);
        assertThat(detection.transactions()).isEmpty();
        assertThat(detection.observedAt()).isEqualTo(Instant.parse("2026-02-28T21:06:49.385274Z"));
        assertThat(detection.labels()).containsExactly(
                new DetectionLabel("scammer-eoa", "0xdeadbeef00000000000000000000000000000001", 0.9));
    }

    @ParameterizedTest
    @CsvSource({"UNKNOWN_TYPE,OTHER", "INFORMATION,OTHER", "EXPLOIT,SMART_CONTRACT_EXPLOIT", "Info,OTHER",
            "Unknown,OTHER", "SUSPICIOUS,FRAUDULENT_TRANSACTION", "Degraded,SERVICE_DISRUPTION"})
    void acceptsTheProtocolsAndTheSdksTypeNames(String findingType, Category ours) throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.put("findingType", findingType);

        assertThat(map(alert).category()).isEqualTo(ours);
    }

    /**
     * A scan node forwards the block's JSON-RPC timestamp, hex seconds, into {@code source.block.timestamp}
     * (forta-core-go domain/events.go {@code BlockTimestamp: t.BlockEvt.Block.Timestamp}, protocol/transform).
     */
    @Test
    void readsTheHexBlockTimestampAScanNodeForwards() throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.remove("createdAt");
        ((ObjectNode) alert.get("source").get("block")).put("timestamp", "0x67c24dbe");

        assertThat(map(alert).observedAt()).isEqualTo(Instant.ofEpochSecond(0x67c24dbeL));
    }

    /**
     * A finding of forta-agent 1.x for Python, as {@code Finding.toJson} writes it (forta-bot-sdk
     * python-sdk/src/forta_agent/finding.py, label.py): both {@code alert_id} and {@code alertId}, the enums as
     * {@code IntEnum} numbers, {@code timestamp} as {@code str(datetime.now())}: a space and no offset.
     */
    @Test
    void mapsAFindingOfThePythonSdk1() {
        Detection detection = map(JSON.readTree("""
                {"name": "Ownership transferred", "description": "Ownership of 0xc0 transferred", \
                "alert_id": "NETHFORTA-4", "protocol": "ethereum", "severity": 4, "type": 2, \
                "metadata": {"from": "0x00000000000000000000000000000000000000a1"}, \
                "addresses": ["0x00000000000000000000000000000000000000C0"], \
                "labels": [{"entity_type": 1, "entity": "0x00000000000000000000000000000000000000a2", \
                "confidence": 0.6, "label": "Attacker", "remove": false, "metadata": {}, "entityType": 1}], \
                "source": {"chains": [{"chainId": 137}]}, "timestamp": "2026-02-28 22:00:00.123456", \
                "alertId": "NETHFORTA-4"}"""));

        assertThat(detection.nativeSeverity()).isEqualTo("HIGH");
        assertThat(detection.category()).isEqualTo(Category.FRAUDULENT_TRANSACTION);
        assertThat(detection.chainId()).isEqualTo("137");
        assertThat(detection.observedAt()).isEqualTo(Instant.parse("2026-02-28T22:00:00.123456Z"));
        assertThat(detection.labels()).containsExactly(
                new DetectionLabel("Attacker", "0x00000000000000000000000000000000000000a2", 0.6));
    }

    /**
     * A finding of forta-bot 2.x for Python, as {@code JSONable.repr_json} writes it (forta-bot-sdk-v2
     * py-sdk/src/forta_bot_sdk/utils/json_encoder.py): camelCase keys, enums by their names, the offset of the bot's
     * clock, and every falsy value left out, so {@code FindingType.Unknown} (0) has no {@code type} at all, and
     * {@code FindingSeverity.Unknown} no {@code severity}.
     */
    @Test
    void mapsAFindingOfThePythonSdk2WithoutItsZeroEnums() {
        Detection detection = map(JSON.readTree("""
                {"name": "Heartbeat", "description": "Bot is alive", "alertId": "HEARTBEAT-1", \
                "source": {"chains": [{"chainId": 1}]}, "timestamp": "2026-02-28T23:00:00+01:00"}"""));

        assertThat(detection.nativeSeverity()).isEqualTo("UNKNOWN");
        assertThat(detection.severity()).isEqualTo(Severity.LOW);
        assertThat(detection.category()).isEqualTo(Category.OTHER);
        assertThat(detection.chainId()).isEqualTo("1");
        assertThat(detection.observedAt()).isEqualTo(Instant.parse("2026-02-28T22:00:00Z"));
    }

    /**
     * A finding of forta-bot 2.x for JavaScript as its {@code toString} writes it (forta-bot-sdk-v2
     * ts-sdk/src/findings/finding.ts): the enums by the SDK's names, {@code uniqueKey} empty when not set.
     */
    @Test
    void mapsAFindingOfTheJavascriptSdk2() {
        Detection detection = map(JSON.readTree("""
                {"name": "Exploit", "description": "Drained", "alertId": "EXPLOIT-1", "severity": "Critical", \
                "type": "Exploit", "metadata": {}, "addresses": [], "labels": [{"entityType": "Address", \
                "entity": "0xdeadbeef00000000000000000000000000000001", "label": "attacker", "confidence": 0.8, \
                "remove": false, "metadata": {}}], "uniqueKey": "", "source": {"transactions": [{"chainId": 10, \
                "hash": "0x0000000000000000000000000000000000000000000000000000000000000def"}]}, \
                "timestamp": "2026-02-28T22:00:00.000Z"}"""));

        assertThat(detection.nativeSeverity()).isEqualTo("CRITICAL");
        assertThat(detection.category()).isEqualTo(Category.SMART_CONTRACT_EXPLOIT);
        assertThat(detection.chainId()).isEqualTo("10");
        assertThat(detection.sourceAlertId()).isNull();
        assertThat(detection.labels()).hasSize(1);
    }

    @Test
    void aWebhookAlertsAddressesInNoOrderGiveTheLowestAddressAsTheSubject() throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.putArray("addresses").add("0xB000000000000000000000000000000000000002")
                .add("0xa000000000000000000000000000000000000001");

        assertThat(FortaAlertMapper.map(alert, "sha", RECEIVED, null, true).detection().correlationKey())
                .endsWith(":0xa000000000000000000000000000000000000001");
        assertThat(FortaAlertMapper.map(alert, "sha", RECEIVED, null, false).detection().correlationKey())
                .endsWith(":0xb000000000000000000000000000000000000002");
    }

    @Test
    void refusesATimestampThatIsNoTime() throws IOException {
        ObjectNode alert = resource("alert.json");
        alert.put("createdAt", "yesterday");

        assertThatThrownBy(() -> map(alert)).isInstanceOf(CommandRefusedException.class)
                .hasMessageContaining("createdAt");
    }
}
