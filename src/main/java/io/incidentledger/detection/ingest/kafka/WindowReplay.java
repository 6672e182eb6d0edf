package io.incidentledger.detection.ingest.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.incidentledger.detection.ingest.transactions.TransactionIngest;
import io.incidentledger.detection.rules.ChainTransaction;
import io.incidentledger.detection.rules.TransactionRules;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the windows of a partition before its consumer goes on from an offset: replays the partition, outside
 * the consumer group, from the records appended twice the longest window (plus a margin) before the record at that
 * offset up to the one before it, through the same rules, keeping their hits to itself (they were correlated when
 * those records were first consumed).
 *
 * <p>Why twice: whether a window counts as breached when a transaction arrives depends on the window's content at
 * the subject's previous transaction, itself at most one window length earlier (an older one has left the window and
 * cleared the breach), and that content on one more window length before it.
 */
final class WindowReplay {

    private static final Logger log = LoggerFactory.getLogger(WindowReplay.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GIVE_UP = Duration.ofMinutes(2);

    private final Map<String, Object> consumerProperties;
    private final Function<ConsumerRecord<String, byte[]>, ChainTransaction> reader;
    private final Duration margin;

    /**
     * @param consumerProperties the ingest consumer's connection settings; the replay joins no group and commits
     *                           nothing
     */
    WindowReplay(Map<String, Object> consumerProperties, TransactionIngest ingest, Duration margin) {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "incident-ledger-window-replay");
        this.consumerProperties = Map.copyOf(properties);
        this.reader = record -> ingest.read(record.value());
        this.margin = margin;
    }

    /**
     * Feeds {@code rules} the records of {@code partition} from {@code appendedAt} minus twice the longest window
     * and the margin, up to {@code until} (excluded).
     *
     * @return the number of records replayed
     */
    long rebuild(TopicPartition partition, long until, long appendedAt, TransactionRules rules) {
        if (until <= 0 || rules.longestWindow().isZero()) {
            return 0;
        }
        long from = appendedAt - rules.longestWindow().multipliedBy(2).plus(margin).toMillis();
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            consumer.assign(List.of(partition));
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, Math.max(0, from)))
                    .get(partition);
            long offset = start != null ? start.offset() : until;
            if (offset >= until) {
                return 0;
            }
            consumer.seek(partition, offset);
            long giveUp = System.nanoTime() + GIVE_UP.toNanos();
            while (consumer.position(partition) < until) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("could not replay " + partition + " up to offset " + until
                            + " within " + GIVE_UP);
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    if (record.offset() >= until) {
                        break;
                    }
                    ChainTransaction transaction;
                    try {
                        transaction = reader.apply(record);
                    } catch (TransactionIngest.Unreadable deadLettered) {
                        continue;
                    }
                    if (transaction != null) {
                        rules.evaluate(List.of(transaction), Instant.ofEpochMilli(record.timestamp()));
                        count++;
                    }
                }
            }
        }
        log.info("Kafka ingest rebuilt the windows of {} from {} records before offset {}", partition, count, until);
        return count;
    }
}
