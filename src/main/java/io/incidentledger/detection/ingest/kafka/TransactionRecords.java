package io.incidentledger.detection.ingest.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.incidentledger.detection.api.DetectionOutcome;
import io.incidentledger.detection.correlation.DetectionCorrelator;
import io.incidentledger.detection.ingest.transactions.TransactionIngest;
import io.incidentledger.detection.rules.ChainTransaction;
import io.incidentledger.detection.rules.RuleHit;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.anomaly.AnomalyBaselineStore;
import io.incidentledger.security.Roles;
import io.incidentledger.security.ServiceActor;
import io.incidentledger.web.RawBodyDigest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Consumes the transactions topic a poll at a time: each record is read by the parser of
 * {@code POST /api/transactions}, evaluated by the rules with the windows of its partition, and every hit correlated
 * as the topic's actor; the container commits the poll's offsets only when this returns, so a hit is correlated at
 * least once. A record that cannot be read goes to the dead-letter topic with its reason and the partition moves on.
 *
 * <p>Records are keyed by subject, so a subject's windows live in exactly one partition, and each partition has
 * windows of its own ({@link TransactionRules#withOwnWindows}). They are dropped when the partition is assigned or
 * revoked, or when a poll fails; before the next record of the partition is evaluated they are rebuilt from the
 * partition itself ({@link WindowReplay}), so that a window is exact whichever node held the partition before. The
 * outflow-anomaly baselines of a partition's subjects move with it, through the database ({@link AnomalyBaselineStore}).
 */
final class TransactionRecords implements BatchConsumerAwareMessageListener<String, byte[]>,
        ConsumerAwareRebalanceListener {

    static final String REASON_HEADER = DeadLetters.REASON_HEADER;
    /** A topic's consumer acts as {@code kafka:<topic>}, a service with the DETECTOR role. */
    static final String ACTOR_PREFIX = "kafka:";
    static final String METRIC_RECORDS = "incident-ledger.kafka.ingest.records";
    static final String METRIC_HITS = "incident-ledger.kafka.ingest.hits";
    static final String METRIC_LAG = ConsumerLag.METRIC;
    static final String METRIC_REPLAYED = "incident-ledger.kafka.ingest.replayed";

    private static final Logger log = LoggerFactory.getLogger(TransactionRecords.class);

    private final TransactionIngest ingest;
    private final TransactionRules rules;
    private final WindowReplay replay;
    private final AnomalyBaselineStore baselines;
    private final DeadLetters deadLetters;
    private final String deadLetterTopic;
    private final ServiceActor actor;
    private final Map<TopicPartition, PartitionWindows> windows = new ConcurrentHashMap<>();
    private final ConsumerLag lag;
    private final Counter evaluated;
    private final Counter deadLettered;
    private final Counter replayed;
    private final Map<DetectionOutcome, Counter> outcomes = new LinkedHashMap<>();

    TransactionRecords(TransactionIngest ingest, TransactionRules rules, WindowReplay replay,
                       AnomalyBaselineStore baselines, DeadLetters deadLetters, KafkaIngestProperties properties,
                       MeterRegistry registry) {
        this.ingest = ingest;
        this.rules = rules;
        this.replay = replay;
        this.baselines = baselines;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = properties.deadLetterTopic();
        this.actor = new ServiceActor(TransactionRecords.ACTOR_PREFIX + properties.transactionsTopic(), Roles.DETECTOR);
        String topic = properties.transactionsTopic();
        this.evaluated = Counter.builder(METRIC_RECORDS).tag("topic", topic).tag("result", "evaluated")
                .description("Transactions consumed and evaluated by the rules").register(registry);
        this.deadLettered = Counter.builder(METRIC_RECORDS).tag("topic", topic).tag("result", "dead-lettered")
                .description("Records that could not be read, sent to the dead-letter topic").register(registry);
        this.replayed = Counter.builder(METRIC_REPLAYED).tag("topic", topic)
                .description("Records replayed to rebuild the windows of newly assigned partitions")
                .register(registry);
        for (DetectionOutcome outcome : DetectionOutcome.values()) {
            outcomes.put(outcome, Counter.builder(METRIC_HITS).tag("topic", topic).tag("outcome", outcome.name())
                    .description("Rule hits of consumed transactions, by what correlation made of them")
                    .register(registry));
        }
        this.lag = new ConsumerLag(topic, registry);
    }

    /** The rules and windows of one partition, and the offset it expects next. */
    private static final class PartitionWindows {

        private final TransactionRules rules;
        private long next;

        PartitionWindows(TransactionRules rules, long next) {
            this.rules = rules;
            this.next = next;
        }
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                    partition -> new ArrayList<>()).add(record);
        }
        List<TransactionIngest.Hit> hits = new ArrayList<>();
        try {
            byPartition.forEach((partition, partitionRecords) -> evaluate(partition, partitionRecords, hits));
            List<DetectionCorrelator.Correlation> correlations = asActor(() -> ingest.correlate(hits));
            correlations.forEach(correlation -> outcomes.get(correlation.outcome()).increment());
        } catch (RuntimeException failed) {
            // the windows saw these records, but their hits may be uncorrelated: rebuilt before the poll is retried
            byPartition.keySet().forEach(windows::remove);
            throw failed;
        }
        lag.update(consumer);
    }

    private void evaluate(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records,
                          List<TransactionIngest.Hit> hits) {
        ConsumerRecord<String, byte[]> first = records.get(0);
        PartitionWindows state = windows.get(partition);
        if (state == null || first.offset() < state.next) {
            state = new PartitionWindows(rules.withOwnWindows(partition.toString()), first.offset());
            long count = replay.rebuild(partition, first.offset(), first.timestamp(), state.rules);
            replayed.increment(count);
            windows.put(partition, state);
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            state.next = record.offset() + 1;
            ChainTransaction transaction;
            try {
                transaction = read(record);
            } catch (TransactionIngest.Unreadable unreadable) {
                deadLetter(record, unreadable);
                continue;
            }
            Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
            List<RuleHit> recordHits = state.rules.evaluate(List.of(transaction), receivedAt);
            evaluated.increment();
            if (!recordHits.isEmpty()) {
                String digest = RawBodyDigest.sha256(record.value());
                recordHits.forEach(hit -> hits.add(new TransactionIngest.Hit(hit, digest, receivedAt)));
            }
        }
    }

    /** The transaction of a record, read by the same parser as the API's. */
    ChainTransaction read(ConsumerRecord<String, byte[]> record) {
        return ingest.read(record.value());
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, TransactionIngest.Unreadable unreadable) {
        deadLetters.send(deadLetterTopic, record, unreadable.code(), unreadable.getMessage());
        deadLettered.increment();
    }

    private <T> T asActor(Supplier<T> work) {
        return actor.run(work);
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
        baselines.handOver(names(partitions));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
        baselines.forget(names(partitions));
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
        baselines.takeOver(names(partitions));
        log.info("Kafka ingest assigned {}", partitions);
    }

    /** The partitions as the anomaly baselines name them: topic-partition, the windows' own name. */
    private static List<String> names(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::toString).toList();
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(windows::remove);
        lag.forget(partitions);
    }

}
