package io.incidentledger.siem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends incident events to a Kafka topic: keyed by incident id (so one incident's events share a partition and keep
 * their order), with an idempotent producer and {@code acks=all}, and returns once the brokers acknowledged every one.
 * After a failure the producer is closed and the next batch gets a new one, so nothing of the failed batch is still
 * being retried behind the batch sent again.
 */
class KafkaSink implements SiemSink {

    static final String NAME = "kafka";
    /** Record headers, for consumers that route without parsing the value. */
    static final String LEAF_INDEX_HEADER = "incident-ledger-leaf-index";
    static final String ENTRY_HASH_HEADER = "incident-ledger-entry-hash";

    private static final HexFormat HEX = HexFormat.of();

    private final SiemProperties.Kafka settings;
    private final String origin;
    private Producer<String, byte[]> producer;

    KafkaSink(SiemProperties.Kafka settings, String origin) {
        this.settings = settings;
        this.origin = origin;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void publish(List<LedgerEntry> events) {
        Producer<String, byte[]> sending = producer();
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        try {
            List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(events.size());
            for (LedgerEntry event : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(settings.topic(),
                        event.aggregateIdentifier(), SiemRecord.json(event, origin));
                record.headers().add(new RecordHeader(LEAF_INDEX_HEADER,
                        Long.toString(event.leafIndex()).getBytes(StandardCharsets.US_ASCII)));
                record.headers().add(new RecordHeader(ENTRY_HASH_HEADER,
                        HEX.formatHex(event.entryHash()).getBytes(StandardCharsets.US_ASCII)));
                acknowledgements.add(sending.send(record));
            }
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            close();
            throw new SiemDeliveryException("interrupted while waiting for Kafka's acknowledgement", interrupted);
        } catch (ExecutionException | TimeoutException | RuntimeException failure) {
            close();
            throw new SiemDeliveryException("Kafka did not acknowledge every event of the batch within "
                    + settings.sendTimeout().toMillis() + " ms", failure);
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerSettings(settings), new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    /** The configured producer settings, with what the export's guarantees need on top of them. */
    static Map<String, Object> producerSettings(SiemProperties.Kafka settings) {
        Map<String, Object> producerSettings = new HashMap<>(settings.producer());
        producerSettings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "incident-ledger-siem");
        producerSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        producerSettings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.sendTimeout().toMillis());
        return producerSettings;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }
}
