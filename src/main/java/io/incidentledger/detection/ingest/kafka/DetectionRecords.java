package io.incidentledger.detection.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.detection.correlation.BatchCorrelator;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.ingest.forta.FortaAlertMapper;
import io.incidentledger.detection.ingest.ozmonitor.MonitorMatchMapper;
import io.incidentledger.detection.ingest.ozmonitor.OzMonitorProperties;
import io.incidentledger.detection.web.EnvelopeReader;
import io.incidentledger.security.Roles;
import io.incidentledger.security.ServiceActor;
import io.incidentledger.web.RawBodyDigest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes the detections topic a poll at a time: each record is one detection in the format its
 * {@value #FORMAT_HEADER} header names, read and validated as the HTTP endpoint of that format reads it: a generic
 * detection envelope ({@code envelope}, the default, as {@code POST /api/detections}), a Forta alert or finding
 * ({@code forta}, as {@code POST /api/detections/forta}) or an OpenZeppelin Monitor match
 * ({@code openzeppelin-monitor}, as {@code POST /api/detections/openzeppelin-monitor}, without its webhook signature:
 * who may write to the topic is Kafka's to decide). Each is correlated as the topic's actor (those with different correlation keys
 * at the same time, as a transaction batch's hits); the container commits the poll's offsets only when this
 * returns. A redelivered detection is recognised by its {@code sourceAlertId}, as over HTTP; one that cannot be read
 * goes to the dead-letter topic with its reason.
 */
final class DetectionRecords implements BatchConsumerAwareMessageListener<String, byte[]>,
        ConsumerAwareRebalanceListener {

    /** The record header naming the record's format: {@code envelope} (also when absent), {@code forta} or
     *  {@code openzeppelin-monitor}. */
    static final String FORMAT_HEADER = "incident-ledger-format";

    private final EnvelopeReader reader;
    private final JsonMapper mapper;
    private final OzMonitorProperties ozMonitor;
    private final BatchCorrelator correlator;
    private final DeadLetters deadLetters;
    private final String deadLetterTopic;
    private final ServiceActor actor;
    private final Counter read;
    private final Counter deadLettered;
    private final MeterRegistry registry;
    private final String topic;
    private final ConsumerLag lag;

    DetectionRecords(EnvelopeReader reader, JsonMapper mapper, OzMonitorProperties ozMonitor,
                     BatchCorrelator correlator, DeadLetters deadLetters, KafkaIngestProperties properties,
                     MeterRegistry registry) {
        this.reader = reader;
        this.mapper = mapper;
        this.ozMonitor = ozMonitor;
        this.correlator = correlator;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = properties.detectionsDeadLetterTopic();
        this.topic = properties.detectionsTopic();
        this.actor = new ServiceActor(TransactionRecords.ACTOR_PREFIX + topic, Roles.DETECTOR);
        this.registry = registry;
        this.lag = new ConsumerLag(topic, registry);
        this.read = Counter.builder(TransactionRecords.METRIC_RECORDS).tag("topic", topic).tag("result", "evaluated")
                .description("Detections consumed and correlated").register(registry);
        this.deadLettered = Counter.builder(TransactionRecords.METRIC_RECORDS).tag("topic", topic)
                .tag("result", "dead-lettered")
                .description("Records that could not be read, sent to the dead-letter topic").register(registry);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        List<BatchCorrelator.Pending> pending = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                pending.add(read(record));
            } catch (EnvelopeReader.Unreadable unreadable) {
                deadLetter(record, unreadable.code(), unreadable.getMessage());
            } catch (CommandRefusedException refused) {
                deadLetter(record, refused.code(), refused.getMessage());
            }
        }
        if (!pending.isEmpty()) {
            List<DetectionCorrelator.Correlation> correlations = actor.run(() -> correlator.correlateAll(pending));
            read.increment(pending.size());
            correlations.forEach(correlation -> registry.counter(TransactionRecords.METRIC_HITS, "topic", topic,
                    "outcome", correlation.outcome().name()).increment());
        }
        lag.update(consumer);
    }

    private BatchCorrelator.Pending read(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        String digest = value == null ? null : RawBodyDigest.sha256(value);
        Instant at = Instant.ofEpochMilli(record.timestamp());
        String format = format(record);
        switch (format) {
            case "envelope" -> {
                EnvelopeReader.Read envelope = reader.read(value, digest, at);
                return new BatchCorrelator.Pending(envelope.detection(), envelope.title());
            }
            case "forta" -> {
                FortaAlertMapper.Mapped mapped = FortaAlertMapper.map(tree(value), digest, at);
                return new BatchCorrelator.Pending(mapped.detection(), mapped.title());
            }
            case "openzeppelin-monitor" -> {
                MonitorMatchMapper.Mapped mapped = MonitorMatchMapper.map(tree(value), ozMonitor, digest, at, at);
                return new BatchCorrelator.Pending(mapped.detection(), mapped.title());
            }
            default -> throw new CommandRefusedException(CommandRefusedException.Kind.INVALID, "unknown-format",
                    "header " + FORMAT_HEADER + " names no format this topic reads: '" + format
                            + "' (envelope, forta or openzeppelin-monitor)");
        }
    }

    private static String format(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(FORMAT_HEADER);
        return header == null || header.value() == null ? "envelope"
                : new String(header.value(), StandardCharsets.UTF_8).strip();
    }

    private JsonNode tree(byte[] value) {
        if (value == null || value.length == 0) {
            throw new EnvelopeReader.Unreadable("malformed-request", "the record is empty");
        }
        try {
            return mapper.readTree(value);
        } catch (JacksonException malformed) {
            throw new EnvelopeReader.Unreadable("malformed-request", "the record is not valid JSON: "
                    + malformed.getOriginalMessage());
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String code, String reason) {
        deadLetters.send(deadLetterTopic, record, code, reason);
        deadLettered.increment();
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lag.forget(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lag.forget(partitions);
    }
}
