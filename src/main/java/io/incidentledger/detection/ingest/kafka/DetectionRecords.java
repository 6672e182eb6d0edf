package io.incidentledger.detection.ingest.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.incidentledger.detection.correlation.BatchCorrelator;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.web.EnvelopeReader;
import io.incidentledger.web.RawBodyDigest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Consumes the detections topic a poll at a time: each record is a generic detection envelope, read and validated as
 * {@code POST /api/detections} reads it, and correlated as the topic's actor (those with different correlation keys
 * at the same time, as a transaction batch's hits); the container commits the poll's offsets only when this
 * returns. A redelivered detection is recognised by its {@code sourceAlertId}, as over HTTP; one that cannot be read
 * goes to the dead-letter topic with its reason.
 */
final class DetectionRecords implements BatchConsumerAwareMessageListener<String, byte[]>,
        ConsumerAwareRebalanceListener {

    private final EnvelopeReader reader;
    private final BatchCorrelator correlator;
    private final DeadLetters deadLetters;
    private final String deadLetterTopic;
    private final KafkaIngestActor actor;
    private final Counter read;
    private final Counter deadLettered;
    private final MeterRegistry registry;
    private final String topic;
    private final ConsumerLag lag;

    DetectionRecords(EnvelopeReader reader, BatchCorrelator correlator, DeadLetters deadLetters,
                     KafkaIngestProperties properties, MeterRegistry registry) {
        this.reader = reader;
        this.correlator = correlator;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = properties.detectionsDeadLetterTopic();
        this.topic = properties.detectionsTopic();
        this.actor = new KafkaIngestActor(topic);
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
                EnvelopeReader.Read envelope = reader.read(record.value(),
                        record.value() == null ? null : RawBodyDigest.sha256(record.value()),
                        Instant.ofEpochMilli(record.timestamp()));
                pending.add(new BatchCorrelator.Pending(envelope.detection(), envelope.title()));
            } catch (EnvelopeReader.Unreadable unreadable) {
                deadLetters.send(deadLetterTopic, record, unreadable.code(), unreadable.getMessage());
                deadLettered.increment();
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

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lag.forget(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lag.forget(partitions);
    }
}
