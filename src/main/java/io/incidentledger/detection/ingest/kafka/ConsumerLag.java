package io.incidentledger.detection.ingest.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of this node's consumers of one topic, as metrics: records on their partitions not yet consumed, as of each
 * consumer's last poll (a gauge), and its distribution over polls.
 */
final class ConsumerLag {

    static final String METRIC = "incident-ledger.kafka.ingest.lag";

    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private final DistributionSummary afterPoll;

    ConsumerLag(String topic, MeterRegistry registry) {
        this.afterPoll = DistributionSummary.builder(METRIC + ".after-poll").tag("topic", topic)
                .description("Records a consumer had yet to consume after each poll it handled").register(registry);
        Gauge.builder(METRIC, lag, partitions -> partitions.values().stream().mapToLong(Long::longValue).sum())
                .tag("topic", topic).description("Records on this node's partitions not yet consumed")
                .register(registry);
    }

    /** After a poll was handled, on the consumer's own thread. */
    void update(Consumer<?, ?> consumer) {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong behind = consumer.currentLag(partition);
            if (behind.isPresent()) {
                lag.put(partition, behind.getAsLong());
                total += behind.getAsLong();
            }
        }
        afterPoll.record(total);
    }

    /** Partitions this node no longer (or newly) holds. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(lag::remove);
    }
}
