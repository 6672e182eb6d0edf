package io.incidentledger.detection.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.incidentledger.IncidentLedgerApplication;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.anomaly.AnomalyDetector;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.testing.KafkaBroker;
import io.incidentledger.testing.RequiresKafka;
import io.incidentledger.web.RawBodyDigest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transactions consumed from a real Kafka broker take the path of {@code POST /api/transactions}: the same parser,
 * rules and correlation, caused by the topic's consumer; a record that cannot be read goes to the dead-letter topic
 * with its reason while the partition moves on; a redelivered transaction is recognised; lag is a metric.
 */
@RequiresKafka
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:kafka-ingest;DB_CLOSE_DELAY=-1",
        "incident-ledger.ledger.signing-key-file=target/test-ledger/kafka-ingest/signing.key",
        "incident-ledger.ledger.witness-file=target/test-ledger/kafka-ingest/witness-${random.uuid}.checkpoint",
        "incident-ledger.kafka.ingest.enabled=true",
        "incident-ledger.kafka.ingest.transactions-topic=" + KafkaIngestTest.TOPIC,
        "incident-ledger.kafka.ingest.detections-topic=" + KafkaIngestTest.DETECTIONS,
        "incident-ledger.kafka.ingest.max-poll-records=10",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[0].chain=ethereum",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[0].address=0xhot0",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[0].window=1h",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[0].max-count=3",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[1].chain=ethereum",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[1].address=0xhot1",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[1].window=1h",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[1].max-count=3",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[2].chain=ethereum",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[2].address=0xhot2",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[2].window=1h",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[2].max-count=3",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[3].chain=ethereum",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[3].address=0xhot3",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[3].window=1h",
        "incident-ledger.detection.rules.hot-wallet-velocity.wallets[3].max-count=3",
        "incident-ledger.detection.rules.anomaly.assets[0].chain=ethereum",
        "incident-ledger.detection.rules.anomaly.assets[0].asset=ETH",
        "incident-ledger.detection.rules.anomaly.assets[0].addresses[0]=0xlearner",
        "incident-ledger.detection.rules.anomaly.assets[0].min-window-amount=100",
        "incident-ledger.detection.rules.anomaly.assets[0].min-transaction-amount=50"
})
@DirtiesContext
class KafkaIngestTest {

    static final String TOPIC = "ingest-test.transactions";
    static final String DETECTIONS = "ingest-test.detections";
    private static final String DEAD_LETTERS = TOPIC + "-dlt";
    private static final Duration AWHILE = Duration.ofSeconds(20);
    private static final AtomicInteger HASHES = new AtomicInteger();

    private static KafkaProducer<String, String> producer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    MeterRegistry registry;

    @Autowired
    @Qualifier("kafkaTransactionsContainer")
    ConcurrentMessageListenerContainer<String, byte[]> container;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.bootstrap-servers", KafkaBroker::bootstrapServers);
    }

    @BeforeAll
    static void topics() {
        KafkaBroker.broker().addTopics(new NewTopic(TOPIC, 2, (short) 1), new NewTopic(DEAD_LETTERS, 1, (short) 1),
                new NewTopic(DETECTIONS, 1, (short) 1), new NewTopic(DETECTIONS + "-dlt", 1, (short) 1));
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    private static String hash() {
        return "0xkafka" + HASHES.incrementAndGet();
    }

    /** A transfer of 60 ETH, over the default large-transfer threshold of 50. */
    private static String largeTransfer(String hash, String from) {
        return """
                {"chain":"ethereum","hash":"%s","block":100,"timestamp":"2026-03-01T12:00:00Z","from":"%s",
                 "to":"0xdest","asset":"ETH","amount":"60","status":"SUCCESS"}""".formatted(hash, from);
    }

    private static void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }

    private List<String> incidentsOf(String hash) {
        return jdbc.queryForList("SELECT incident_id FROM incident_detection WHERE source_alert_id = ?",
                String.class, "large-transfer:" + hash);
    }

    @Test
    void aTransactionOnTheTopicBecomesAnIncidentCausedByTheTopicsConsumer() throws Exception {
        String hash = hash();

        send("ethereum:0xwhale1", largeTransfer(hash, "0xwhale1"));

        await().atMost(AWHILE).until(() -> incidentsOf(hash).size() == 1);
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(incidentsOf(hash).get(0)).asStream()
                .toList();
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getMetaData().get(ActorMetadata.ACTOR)).isEqualTo("kafka:" + TOPIC);
            assertThat(event.getMetaData().get(ActorMetadata.ACTOR_TYPE)).isEqualTo("SERVICE");
            assertThat(event.getMetaData().get(ActorMetadata.ACTOR_ROLES)).isEqualTo("DETECTOR");
        });
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopicWithItsReasonAndThePartitionMovesOn() throws Exception {
        String hash = hash();
        String key = "ethereum:0xwhale2";

        send(key, "{not json");
        send(key, largeTransfer(hash(), "0xwhale2").replace("\"status\":\"SUCCESS\"", "\"status\":\"PENDING\""));
        send(key, largeTransfer(hash, "0xwhale2"));

        await().atMost(AWHILE).until(() -> incidentsOf(hash).size() == 1);
        List<ConsumerRecord<String, String>> letters = deadLetters(DEAD_LETTERS, key, 2);
        assertThat(letters).extracting(letter -> reason(letter)).containsExactly(
                "malformed-request: the transaction is not valid JSON",
                "invalid-transaction: transaction 0: field 'status' must be SUCCESS or FAILED");
        assertThat(letters.get(0).value()).isEqualTo("{not json");
        assertThat(registry.get(TransactionRecords.METRIC_RECORDS).tag("result", "dead-lettered").counter()
                .count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRedeliveredTransactionIsRecognisedAndNotCountedTwice() throws Exception {
        String hash = hash();
        double duplicatesBefore = registry.get(TransactionRecords.METRIC_HITS).tag("outcome", "DUPLICATE").counter()
                .count();

        send("ethereum:0xwhale3", largeTransfer(hash, "0xwhale3"));
        send("ethereum:0xwhale3", largeTransfer(hash, "0xwhale3"));

        await().atMost(AWHILE).until(() -> registry.get(TransactionRecords.METRIC_HITS).tag("outcome", "DUPLICATE")
                .counter().count() > duplicatesBefore);
        await().atMost(AWHILE).until(() -> incidentsOf(hash).size() == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_detection WHERE source_alert_id = ?",
                Integer.class, "large-transfer:" + hash)).isOne();
    }

    private static String reason(ConsumerRecord<String, String> letter) {
        return new String(letter.headers().lastHeader(TransactionRecords.REASON_HEADER).value(),
                StandardCharsets.UTF_8);
    }

    /** The first {@code count} records with {@code key} on a dead-letter topic. */
    private static List<ConsumerRecord<String, String>> deadLetters(String topic, String key, int count) {
        try (Consumer<String, String> letters = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                KafkaTestUtils.consumerProps(KafkaBroker.bootstrapServers(), "dlt-reader-" + key),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            letters.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(AWHILE).until(() -> {
                letters.poll(Duration.ofMillis(200)).forEach(letter -> {
                    if (key.equals(letter.key())) {
                        received.add(letter);
                    }
                });
                return received.size() >= count;
            });
            return received.subList(0, count);
        }
    }

    @Test
    void aDetectionEnvelopeOnItsTopicBecomesAnIncidentAndAnInvalidOneADeadLetter() throws Exception {
        String alert = "kafka-alert-" + hash();
        producer.send(new ProducerRecord<>(DETECTIONS, "siem", """
                {"source":"siem","name":"Drainer approval","severity":"HIGH"}""")).get();
        producer.send(new ProducerRecord<>(DETECTIONS, "siem", """
                {"source":"siem","sourceAlertId":"%s","name":"Drainer approval","severity":"HIGH",
                 "category":"FRAUDULENT_TRANSACTION","chainId":"1","addresses":["0xdrained"]}""".formatted(alert)))
                .get();

        await().atMost(AWHILE).until(() -> jdbc.queryForList("SELECT incident_id FROM incident_detection"
                + " WHERE source_alert_id = ?", String.class, "siem/" + alert).size() == 1);
        String incident = jdbc.queryForObject("SELECT incident_id FROM incident_detection WHERE source_alert_id = ?",
                String.class, "siem/" + alert);
        assertThat(eventStore.readEvents(incident).asStream().toList()).allSatisfy(event -> assertThat(
                event.getMetaData().get(ActorMetadata.ACTOR)).isEqualTo("kafka:" + DETECTIONS));
        assertThat(deadLetters(DETECTIONS + "-dlt", "siem", 1)).singleElement().satisfies(letter -> assertThat(
                reason(letter)).isEqualTo("validation-failed: category must not be null"));
    }

    @Test
    void fortaAlertsAndOpenZeppelinMonitorMatchesAreReadAsTheirEndpointsReadThemWhenTheRecordSaysSo()
            throws Exception {
        // a Forta alert as the Forta API emits it, with the protocol's own enum names
        String forta = Files.readString(Path.of("src/test/resources/detection/forta/alert.json"))
                .replace("\"CRITICAL\"", "\"INFO\"").replace("\"EXPLOIT\"", "\"INFORMATION\"")
                .replace("0x7a1c3e5f0d2b4a6c8e9f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c0d",
                        "0x7a1c3e5f0d2b4a6c8e9f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7b" + HASHES.incrementAndGet());
        String match = Files.readString(Path.of("src/test/resources/detection/ozmonitor/evm-match.json"))
                .replace("0x9c1c2f5e0e4a3d2b1a0f9e8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a3",
                        "0x9c1c2f5e0e4a3d2b1a0f9e8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b" + HASHES.incrementAndGet());
        producer.send(withFormat("forta", forta)).get();
        producer.send(withFormat("openzeppelin-monitor", match)).get();
        producer.send(withFormat("splunk", "{}")).get();

        for (String[] expected : new String[][] {{forta, "FORTA"}, {match, "OPENZEPPELIN_MONITOR"}}) {
            String digest = RawBodyDigest.sha256(expected[0].getBytes(StandardCharsets.UTF_8));
            String incident = await().atMost(AWHILE).until(() -> jdbc.queryForList("SELECT incident_id FROM"
                    + " incident_detection WHERE payload_sha256 = ? AND source = ?", String.class, digest,
                    expected[1]).stream().findFirst().orElse(null), found -> found != null);
            assertThat(eventStore.readEvents(incident).asStream().toList()).allSatisfy(event -> assertThat(
                    event.getMetaData().get(ActorMetadata.ACTOR)).isEqualTo("kafka:" + DETECTIONS));
        }
        assertThat(jdbc.queryForObject("SELECT native_severity FROM incident_detection WHERE payload_sha256 = ?",
                String.class, RawBodyDigest.sha256(forta.getBytes(StandardCharsets.UTF_8)))).isEqualTo("INFO");
        assertThat(deadLetters(DETECTIONS + "-dlt", "format", 1)).singleElement().satisfies(letter -> assertThat(
                reason(letter)).startsWith("unknown-format: header incident-ledger-format names no format"));
    }

    private static ProducerRecord<String, String> withFormat(String format, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(DETECTIONS, "format", value);
        record.headers().add(DetectionRecords.FORMAT_HEADER, format.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** An outflow of 1 ETH from a hot wallet, {@code minute} minutes into the test's hour. */
    private static String outflow(String wallet, int minute) {
        return """
                {"chain":"ethereum","hash":"%s","block":%d,"timestamp":"2026-03-01T12:%02d:00Z","from":"%s",
                 "to":"0xdest","asset":"ETH","amount":"1","status":"SUCCESS"}""".formatted(hash(), 200 + minute,
                minute, wallet);
    }

    private static void sendTo(int partition, String wallet, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, partition, "ethereum:" + wallet, value)).get();
    }

    /** The velocity hits about a wallet recorded in a node's store, as their descriptions. */
    private static List<String> velocityHits(ConfigurableApplicationContext node, String wallet) {
        return node.getBean(JdbcTemplate.class).queryForList("SELECT UTF8TOSTRING(payload) FROM domain_event_entry "
                + "WHERE payload_type LIKE '%DetectionAttached' AND UTF8TOSTRING(payload) LIKE ?", String.class,
                "%hot-wallet-velocity:ethereum:" + wallet + ":%");
    }

    /** Every record on the topic is consumed, its hits correlated, and its offset committed. */
    private static boolean everythingCommitted() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("incident-ledger-ingest")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < 2; partition++) {
                latest.put(new TopicPartition(TOPIC, partition), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> committed
                    .get(end.getKey()) != null && committed.get(end.getKey()).offset() == end.getValue().offset());
        }
    }

    @Test
    void aRebalanceBetweenTwoNodesNeitherMissesNorDoublesAWindow(ApplicationContext context) throws Exception {
        // wallets 0 and 1 on partition 0, 2 and 3 on partition 1: whichever partition moves takes a wallet whose
        // window is already over its limit (0 or 2) and one that reaches it only after the move (1 or 3)
        for (int minute = 0; minute < 4; minute++) {
            sendTo(0, "0xhot0", outflow("0xhot0", minute));
            sendTo(1, "0xhot2", outflow("0xhot2", minute));
        }
        for (int minute = 0; minute < 3; minute++) {
            sendTo(0, "0xhot1", outflow("0xhot1", minute));
            sendTo(1, "0xhot3", outflow("0xhot3", minute));
        }
        await().atMost(AWHILE).until(KafkaIngestTest::everythingCommitted);
        ConfigurableApplicationContext a = (ConfigurableApplicationContext) context;

        try (ConfigurableApplicationContext b = startSecondNode()) {
            ConcurrentMessageListenerContainer<?, ?> containerB = b.getBean("kafkaTransactionsContainer",
                    ConcurrentMessageListenerContainer.class);
            await().atMost(AWHILE).until(() -> container.getAssignedPartitions().size() == 1
                    && containerB.getAssignedPartitions().size() == 1);
            String duplicate = outflow("0xhot1", 10);
            for (String wallet : List.of("0xhot0", "0xhot1", "0xhot2", "0xhot3")) {
                sendTo(wallet.endsWith("0") || wallet.endsWith("1") ? 0 : 1, wallet,
                        "0xhot1".equals(wallet) ? duplicate : outflow(wallet, 10));
            }
            sendTo(0, "0xhot1", duplicate);
            await().atMost(AWHILE).until(KafkaIngestTest::everythingCommitted);

            for (String wallet : List.of("0xhot0", "0xhot2")) {
                assertThat(velocityHits(a, wallet).size() + velocityHits(b, wallet).size())
                        .as("%s was over its limit before the move and fires no second time", wallet).isOne();
            }
            for (String wallet : List.of("0xhot1", "0xhot3")) {
                List<String> hits = new ArrayList<>(velocityHits(a, wallet));
                hits.addAll(velocityHits(b, wallet));
                assertThat(hits).as("%s goes over its limit once, across the move", wallet).singleElement()
                        .satisfies(hit -> assertThat(hit).contains("4 outflows (limit 3)"));
            }
            assertThat(b.getBean(MeterRegistry.class).get(TransactionRecords.METRIC_REPLAYED).counter().count())
                    .as("the node that took a partition over replayed it").isPositive();
        }
    }

    private static ConfigurableApplicationContext startSecondNode() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:kafka-ingest-b;DB_CLOSE_DELAY=-1",
                "--incident-ledger.ledger.signing-key-file=target/test-ledger/kafka-ingest-b/signing.key",
                "--incident-ledger.ledger.witness-file=target/test-ledger/kafka-ingest-b/witness.checkpoint",
                "--spring.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers()));
        for (String property : KafkaIngestTest.class.getAnnotation(SpringBootTest.class).properties()) {
            if (property.startsWith("incident-ledger.kafka.") || property.startsWith("incident-ledger.detection.")) {
                arguments.add("--" + property);
            }
        }
        return new SpringApplicationBuilder(IncidentLedgerApplication.class).run(arguments.toArray(String[]::new));
    }

    @Test
    void aPartitionsAnomalyBaselinesAreSavedWhenItIsGivenUpAndReadBackWhenItIsTakenOver(ApplicationContext context)
            throws Exception {
        AnomalyDetector detector = context.getBean(TransactionRules.class).anomalies().orElseThrow();
        String subject = "ethereum/0xlearner/ETH";
        for (int minute = 0; minute < 3; minute++) {
            sendTo(0, "0xlearner", outflow("0xlearner", minute));
        }
        await().atMost(AWHILE).until(KafkaIngestTest::everythingCommitted);
        byte[] learned = detector.snapshot().get(subject);
        assertThat(learned).as("counted by the consumer of partition 0").isNotNull();

        container.stop();
        assertThat(detector.learnedWindows(subject)).as("dropped with the partition").isEqualTo(-1);
        assertThat(jdbc.queryForObject("SELECT kafka_partition FROM anomaly_baseline WHERE subject = ?", String.class,
                subject)).isEqualTo(TOPIC + "-0");
        assertThat(jdbc.queryForObject("SELECT state FROM anomaly_baseline WHERE subject = ?", byte[].class, subject))
                .as("saved as it was given up").isEqualTo(learned);

        container.start();
        await().atMost(AWHILE).until(() -> detector.learnedWindows(subject) >= 0);
        assertThat(detector.snapshot().get(subject)).as("read back as it was given up").isEqualTo(learned);
    }

    @Test
    void consumerLagIsAMetricThatShowsABacklogAndReturnsToZero() throws Exception {
        container.stop();
        for (int i = 0; i < 50; i++) {
            send("ethereum:0xsmall" + (i % 5), largeTransfer(hash(), "0xsmall" + (i % 5))
                    .replace("\"amount\":\"60\"", "\"amount\":\"1\""));
        }
        container.start();

        await().atMost(AWHILE).until(() -> registry.get(TransactionRecords.METRIC_LAG + ".after-poll").summary()
                .max() > 0);
        await().atMost(AWHILE).until(() -> registry.get(TransactionRecords.METRIC_LAG).tag("topic", TOPIC).gauge()
                .value() == 0);
    }
}
