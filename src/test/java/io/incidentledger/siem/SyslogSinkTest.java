package io.incidentledger.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import javax.net.ServerSocketFactory;

import io.incidentledger.incident.api.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CEF over syslog to a plain TCP receiver that parses octet counting, RFC 5424 and CEF by itself. */
class SyslogSinkTest {

    private static final String ORIGIN = "ledger.example.com/incidents";
    private static final String INCIDENT = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String TRICKY_NOTE = "{\"text\":\"a=b \\\\ c|d\\nline two \u00e9\"}";
    private static final byte[] HASH = HexFormat.of().parseHex(
            "56a9860dd82d9d9dd200c5bd9791cee6e846e12ee989cd4777da0cf31242df73");

    private SyslogReceiver receiver;
    private SyslogSink sink;

    @BeforeEach
    void startTheReceiver() throws Exception {
        receiver = new SyslogReceiver(ServerSocketFactory.getDefault());
        sink = new SyslogSink(settings(receiver.port()), ORIGIN);
    }

    @AfterEach
    void stop() throws Exception {
        sink.close();
        receiver.close();
    }

    @Test
    void headerAndExtensionAreEscapedAsTheCefSpecificationSays() {
        assertThat(Cef.header("a|b\\c\nd")).isEqualTo("a\\|b\\\\c d");
        assertThat(Cef.extensionValue("a=b\\c\nd\re|f")).isEqualTo("a\\=b\\\\c\\nd\\re|f");
        assertThat(Cef.name("ContainmentStepRequested")).isEqualTo("Containment step requested");
        assertThat(List.of(Cef.severity(null), Cef.severity(Severity.LOW), Cef.severity(Severity.MEDIUM),
                Cef.severity(Severity.HIGH), Cef.severity(Severity.CRITICAL))).containsExactly(0, 3, 5, 8, 10);
    }

    @Test
    void eachEventArrivesAsOneOctetCountedRfc5424MessageWhoseCefCarriesItsLedgerCoordinates() {
        sink.publish(List.of(entry(0, 7, "IncidentReported", Severity.CRITICAL, "{\"title\":\"Key leak\"}"),
                entry(1, 8, "IncidentNoteAdded", Severity.CRITICAL, TRICKY_NOTE)));

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.messages().size() == 2);
        assertThat(receiver.errors()).isEmpty();
        SyslogReceiver.Message reported = receiver.messages().get(0);
        assertThat(reported.facility()).isEqualTo(10);
        assertThat(reported.severity()).isEqualTo(2);
        assertThat(reported.timestamp()).isEqualTo("2026-11-23T08:30:00Z");
        assertThat(reported.hostname()).isEqualTo("siem-test-host");
        assertThat(reported.appName()).isEqualTo("incident-ledger");
        assertThat(reported.msgId()).isEqualTo("IncidentReported");
        assertThat(reported.structuredData()).isEqualTo("-");
        SyslogReceiver.Cef cef = reported.cef();
        assertThat(cef.header()).containsExactly("0", "Incident Ledger", "Incident|Ledger", "1", "IncidentReported",
                "Incident reported", "10");
        assertThat(cef.labelled("incidentId")).isEqualTo(INCIDENT);
        assertThat(cef.labelled("leafIndex")).isEqualTo("7");
        assertThat(cef.labelled("sequenceNumber")).isEqualTo("0");
        assertThat(cef.labelled("entryHash")).isEqualTo(HexFormat.of().formatHex(HASH));
        assertThat(cef.labelled("ledgerOrigin")).isEqualTo(ORIGIN);
        assertThat(cef.labelled("incidentSeverity")).isEqualTo("CRITICAL");
        assertThat(cef.extension()).containsEntry("rt", "1795422600000").containsEntry("suser", "responder")
                .containsEntry("externalId", "event-0");

        SyslogReceiver.Cef note = receiver.messages().get(1).cef();
        assertThat(note.extension().get("msg")).isEqualTo(TRICKY_NOTE);
        assertThat(note.name()).isEqualTo("Incident note added");
    }

    @Test
    void aConnectionTheReceiverDroppedIsOpenedAgainForTheNextBatch() throws Exception {
        sink.publish(List.of(entry(0, 0, "IncidentReported", Severity.LOW, "{}")));
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.messages().size() == 1);

        receiver.dropConnections();
        sink.publish(List.of(entry(1, 1, "IncidentAcknowledged", Severity.LOW, "{}")));

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.messages().size() == 2);
        assertThat(receiver.connectionsAccepted()).isEqualTo(2);
        assertThat(receiver.messages().get(1).cef().severity()).isEqualTo(3);
    }

    @Test
    void aReceiverThatIsAwayFailsTheBatch() throws Exception {
        int port = receiver.port();
        receiver.close();
        try (SyslogSink away = new SyslogSink(settings(port), ORIGIN)) {
            assertThatThrownBy(() -> away.publish(List.of(entry(0, 0, "IncidentReported", Severity.LOW, "{}"))))
                    .isInstanceOf(SiemDeliveryException.class);
        }
    }

    @Test
    void aReceiverThatStopsReadingFailsTheBatchOnceTheSendTimeoutIsOver() throws Exception {
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SiemProperties.Syslog quick = new SiemProperties.Syslog(true, "127.0.0.1", deaf.getLocalPort(), "host", 10,
                    Duration.ofSeconds(2), Duration.ofSeconds(1), new SiemProperties.Tls(false, null),
                    new SiemProperties.Cef("v", "p", "1"),
                    new SiemProperties.Pacing(100, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)));
            // more than the kernel buffers on both sides hold, to a receiver that never reads it
            String big = "{\"text\":\"" + "x".repeat(1000) + "\"}";
            List<LedgerEntry> batch = java.util.stream.LongStream.range(0, 20_000)
                    .mapToObj(i -> entry(i, i, "IncidentNoteAdded", Severity.LOW, big)).toList();
            try (SyslogSink blocked = new SyslogSink(quick, ORIGIN)) {
                assertThatThrownBy(() -> blocked.publish(batch)).isInstanceOf(SiemDeliveryException.class);
            }
        }
    }

    private static SiemProperties.Syslog settings(int port) {
        return new SiemProperties.Syslog(true, "127.0.0.1", port, "siem-test-host", 10, Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                new SiemProperties.Tls(false, null),
                new SiemProperties.Cef("Incident Ledger", "Incident|Ledger", "1"),
                new SiemProperties.Pacing(100, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    private static LedgerEntry entry(long sequence, long leaf, String event, Severity severity, String payload) {
        return new LedgerEntry(leaf, leaf + 1, "event-" + sequence, INCIDENT, "Incident", sequence,
                "2026-11-23T08:30:00.000Z", "io.incidentledger.incident.api." + event, "1",
                payload.getBytes(StandardCharsets.UTF_8), "{\"actor\":\"responder\"}".getBytes(StandardCharsets.UTF_8),
                new byte[32], HASH, severity, "responder", "USER");
    }
}
