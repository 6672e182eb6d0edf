package io.incidentledger.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.incidentledger.incident.api.Severity;
import io.incidentledger.ledger.chain.EventHash;
import io.incidentledger.ledger.chain.StoredEvents;
import io.incidentledger.ledger.log.LedgerLog;
import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.ApiClient.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both SIEM exports in the running application: to a real Kafka broker (spring-kafka-test's embedded KRaft broker) and
 * as CEF over syslog with TLS to a receiver in this test that parses octet counting, RFC 5424 and CEF by itself.
 */
@EmbeddedKafka(partitions = 3, topics = SiemExportApplicationTest.TOPIC,
        bootstrapServersProperty = "incident-ledger.siem.kafka.bootstrap-servers")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:siem;DB_CLOSE_DELAY=-1",
        "spring.profiles.active=demo",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/siem/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/siem/witness-${random.uuid}.checkpoint",
        "incident-ledger.ledger.origin=siem.example.com/incidents",
        "incident-ledger.siem.kafka.enabled=true",
        "incident-ledger.siem.kafka.topic=" + SiemExportApplicationTest.TOPIC,
        "incident-ledger.siem.kafka.pacing.batch-size=3",
        "incident-ledger.siem.kafka.pacing.poll-interval=50ms",
        "incident-ledger.siem.syslog.enabled=true",
        "incident-ledger.siem.syslog.host=localhost",
        "incident-ledger.siem.syslog.hostname=siem-test",
        "incident-ledger.siem.syslog.tls.enabled=true",
        "incident-ledger.siem.syslog.pacing.poll-interval=50ms"
})
class SiemExportApplicationTest {

    static final String TOPIC = "incident-events";
    /** Protects a throwaway keystore that lives for this test only. */
    private static final String STORE_PASSWORD = "test-only-keystore";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Path directory;
    private static SyslogReceiver receiver;
    private static final List<ConsumerRecord<String, byte[]>> consumed = new ArrayList<>();
    private static KafkaConsumer<String, byte[]> consumer;

    @LocalServerPort
    int port;

    @Value("${incident-ledger.siem.kafka.bootstrap-servers}")
    String brokers;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    LedgerLog ledgerLog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("kafkaExport")
    SiemExport kafkaExport;

    @DynamicPropertySource
    static void syslogReceiverOverTls(DynamicPropertyRegistry registry) throws Exception {
        directory = Files.createTempDirectory("incident-ledger-siem");
        Path keystore = directory.resolve("receiver.p12");
        keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        Path certificate = directory.resolve("receiver.pem");
        keytool("-exportcert", "-rfc", "-alias", "receiver", "-keystore", keystore.toString(), "-storepass",
                STORE_PASSWORD, "-file", certificate.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        receiver = new SyslogReceiver(tls.getServerSocketFactory());
        registry.add("incident-ledger.siem.syslog.port", receiver::port);
        registry.add("incident-ledger.siem.syslog.tls.trusted-certificates", certificate::toString);
    }

    @BeforeAll
    static void forgetTheWitnessOfAnEarlierRun() throws IOException {
        Files.createDirectories(Path.of("target/test-ledger/siem"));
    }

    @AfterAll
    static void stopTheReceivers() throws IOException {
        if (consumer != null) {
            consumer.close();
        }
        receiver.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void everyIncidentEventIsOnTheTopicInOrderKeyedByIncidentWithWhatRecomputesItsEntryHash() {
        String id = reportAndWork();
        int stored = storedEvents.ofAggregate(id).size();

        List<JsonNode> records = awaitRecords(id, stored);

        byte[] previous = EventHash.GENESIS;
        for (int sequence = 0; sequence < stored; sequence++) {
            JsonNode record = records.get(sequence);
            assertThat(record.path("format").asString()).isEqualTo("incident-ledger-siem-event/v1");
            assertThat(record.path("origin").asString()).isEqualTo("siem.example.com/incidents");
            assertThat(record.path("incidentId").asString()).isEqualTo(id);
            assertThat(record.path("aggregateType").asString()).isEqualTo("Incident");
            assertThat(record.path("sequenceNumber").asLong()).isEqualTo(sequence);
            assertThat(record.path("previousHash").asString()).isEqualTo(HEX.formatHex(previous));
            byte[] recomputed = EventHash.of(record.path("eventIdentifier").asString(),
                    record.path("aggregateIdentifier").asString(), record.path("aggregateType").asString(),
                    record.path("sequenceNumber").asLong(), record.path("timeStamp").asString(),
                    record.path("payloadType").asString(), textOrNull(record.path("payloadRevision")),
                    Base64.getDecoder().decode(record.path("payload").asString()),
                    record.path("metaData").isNull() ? null
                            : Base64.getDecoder().decode(record.path("metaData").asString()),
                    HEX.parseHex(record.path("previousHash").asString()));
            assertThat(HEX.formatHex(recomputed)).isEqualTo(record.path("entryHash").asString());
            assertThat(record.path("leafIndex").asLong()).isEqualTo(
                    ledgerLog.leafOfEvent(record.path("eventIdentifier").asString()).orElseThrow().leafIndex());
            assertThat(record.path("actor").asString()).isEqualTo("responder");
            assertThat(record.path("actorType").asString()).isEqualTo("USER");
            previous = recomputed;
        }
        assertThat(records.get(0).path("event").asString()).isEqualTo("IncidentReported");
        assertThat(records.get(0).path("data").path("title").asString()).isEqualTo("Suspicious withdrawal");
        assertThat(records.get(stored - 2).path("severity").asString()).isEqualTo("HIGH");
        assertThat(records.get(stored - 1).path("severity").asString()).isEqualTo("CRITICAL");
        List<ConsumerRecord<String, byte[]>> ofIncident = consumed.stream().filter(r -> id.equals(r.key())).toList();
        assertThat(ofIncident.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
        assertThat(new String(ofIncident.get(0).headers().lastHeader(KafkaSink.LEAF_INDEX_HEADER).value(),
                StandardCharsets.US_ASCII)).isEqualTo(records.get(0).path("leafIndex").asString());
    }

    @Test
    void everyIncidentEventReachesTheSyslogReceiverOverTlsAsCefWithItsLedgerCoordinates() {
        String id = reportAndWork();
        int stored = storedEvents.ofAggregate(id).size();

        await().atMost(WAIT).until(() -> ofIncident(id).size() >= stored);

        assertThat(receiver.errors()).isEmpty();
        List<SyslogReceiver.Message> messages = ofIncident(id);
        List<LedgerLog.Leaf> leaves = ledgerLog.leavesOfAggregate(id);
        for (int sequence = 0; sequence < stored; sequence++) {
            SyslogReceiver.Message message = messages.get(sequence);
            SyslogReceiver.Cef cef = message.cef();
            assertThat(message.hostname()).isEqualTo("siem-test");
            assertThat(message.appName()).isEqualTo("incident-ledger");
            assertThat(cef.vendor()).isEqualTo("Incident Ledger");
            assertThat(cef.labelled("sequenceNumber")).isEqualTo(Integer.toString(sequence));
            assertThat(cef.labelled("leafIndex")).isEqualTo(Long.toString(leaves.get(sequence).leafIndex()));
            assertThat(cef.labelled("entryHash")).isEqualTo(HEX.formatHex(leaves.get(sequence).entryHash()));
            assertThat(cef.extension().get("externalId")).isEqualTo(leaves.get(sequence).eventIdentifier());
            assertThat(message.msgId()).isEqualTo(cef.signatureId());
        }
        assertThat(messages.get(0).cef().signatureId()).isEqualTo("IncidentReported");
        assertThat(messages.get(0).cef().severity()).isEqualTo(8);
        assertThat(messages.get(stored - 1).cef().severity()).isEqualTo(10);
        assertThat(messages.get(stored - 1).severity()).isEqualTo(2);
        // the note's text holds '=', '\\', '|' and a line break: the receiver reads the stored payload back exactly
        assertThat(messages.get(stored - 2).cef().extension().get("msg")).isEqualTo(new String(
                storedEvents.ofAggregate(id).get(stored - 2).payload(), StandardCharsets.UTF_8));
    }

    @Test
    void anExportStoppedMidStreamResumesFromItsCursorWithoutAGap() throws Exception {
        CompletableFuture<List<String>> reporting = CompletableFuture.supplyAsync(() -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(reportWithANote());
            }
            return ids;
        });
        long before = cursor();
        await().atMost(WAIT).until(() -> cursor() > before);
        kafkaExport.stop();
        long stoppedAt = cursor();
        List<String> ids = reporting.get(60, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> ledgerLog.size() >= storedEventCount());
        assertThat(cursor()).as("nothing is sent while the export is stopped").isEqualTo(stoppedAt)
                .isLessThan(ledgerLog.size());

        kafkaExport.start();

        for (String id : ids) {
            List<JsonNode> records = awaitRecords(id, storedEvents.ofAggregate(id).size());
            for (int sequence = 0; sequence < records.size(); sequence++) {
                assertThat(records.get(sequence).path("sequenceNumber").asLong()).isEqualTo(sequence);
            }
        }
    }

    @Test
    void aReaderThatHasNotSeenAnIncidentGivesItsEventsTheSeverityTheEventStoreSays() {
        String id = reportWithANote();
        await().atMost(WAIT).until(() -> ledgerLog.leavesOfAggregate(id).size() == 2);
        long noteLeaf = ledgerLog.leavesOfAggregate(id).get(1).leafIndex();

        List<LedgerEntry> read = new LedgerEntries(queries, eventStore).from(noteLeaf, 1);

        assertThat(read).singleElement().satisfies(note -> {
            assertThat(note.aggregateIdentifier()).isEqualTo(id);
            assertThat(note.sequenceNumber()).isOne();
            assertThat(note.leafIndex()).isEqualTo(noteLeaf);
            assertThat(note.severity()).as("set by the report before it").isEqualTo(Severity.MEDIUM);
        });
    }

    /**
     * The incident's records as a consumer that drops repeats (by leaf index) sees them, once there are at least
     * {@code count} of them, checked to be in sequence order.
     */
    private List<JsonNode> awaitRecords(String id, int count) {
        List<JsonNode> records = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            poll();
            records.clear();
            Set<Long> leaves = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : consumed) {
                if (id.equals(record.key())) {
                    JsonNode json = JSON.readTree(record.value());
                    if (leaves.add(json.path("leafIndex").asLong())) {
                        records.add(json);
                    }
                }
            }
            return records.size() >= count;
        });
        assertThat(records).hasSize(count);
        return records;
    }

    private synchronized void poll() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ConsumerConfig.GROUP_ID_CONFIG, "siem-test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(TOPIC));
        }
        consumer.poll(Duration.ofMillis(200)).forEach(consumed::add);
    }

    private static List<SyslogReceiver.Message> ofIncident(String id) {
        Set<String> leaves = new HashSet<>();
        return receiver.messages().stream().filter(message -> id.equals(message.cef().labelled("incidentId")))
                .filter(message -> leaves.add(message.cef().labelled("leafIndex"))).toList();
    }

    private long cursor() {
        return jdbc.queryForObject("SELECT next_leaf FROM siem_cursor WHERE sink = 'kafka'", Long.class);
    }

    private int storedEventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Integer.class);
    }

    private String reportAndWork() {
        Response reported = api().post("responder", "/api/incidents", """
                {"title":"Suspicious withdrawal","description":"large outflow","severity":"HIGH",
                 "category":"FRAUDULENT_TRANSACTION","occurredAt":"2026-01-01T10:00:00Z",
                 "detectedAt":"2026-01-01T10:05:00Z"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().path("incidentId").asString();
        String path = "/api/incidents/" + id;
        expectNoContent(api().post("responder", path + "/acknowledgement", null));
        expectNoContent(api().post("responder", path + "/triage", """
                {"severity":"HIGH","category":"DATA_BREACH",
                 "affectedAssets":[{"type":"SIGNING_KEY","identifier":"hot-wallet-1"}]}"""));
        expectNoContent(api().post("responder", path + "/notes",
                "{\"text\":\"paged the custody team = \\\\ |\\nsecond line\"}"));
        expectNoContent(api().post("responder", path + "/escalation",
                "{\"severity\":\"CRITICAL\",\"reason\":\"funds moving\"}"));
        return id;
    }

    /** Two events, with two requests: the restart test needs many incidents more than many events each. */
    private String reportWithANote() {
        Response reported = api().post("responder", "/api/incidents", """
                {"title":"Node down","description":"validator offline","severity":"MEDIUM",
                 "category":"NODE_COMPROMISE","occurredAt":"2026-01-01T10:00:00Z",
                 "detectedAt":"2026-01-01T10:05:00Z"}""");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String id = reported.json().path("incidentId").asString();
        expectNoContent(api().post("responder", "/api/incidents/" + id + "/notes", "{\"text\":\"looking\"}"));
        return id;
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static void expectNoContent(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private static String textOrNull(JsonNode node) {
        return node.isNull() ? null : node.asString();
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
