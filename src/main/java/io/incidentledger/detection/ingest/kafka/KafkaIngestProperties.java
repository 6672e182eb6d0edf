package io.incidentledger.detection.ingest.kafka;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kafka ingest (docs/kafka-ingest.md): transactions consumed from a topic beside {@code POST /api/transactions}.
 * The brokers and client security are Spring Boot's {@code spring.kafka.*} settings.
 *
 * @param enabled           off by default: the service then needs no broker
 * @param transactionsTopic the topic of transactions, one JSON object a record, keyed by subject
 *                          ({@code chain:address})
 * @param deadLetterTopic   where a transaction record that cannot be read goes, with the reason in a header
 * @param detectionsTopic   the topic of detections, one generic envelope (as {@code POST /api/detections} takes it)
 *                          a record
 * @param detectionsDeadLetterTopic where a detection record that cannot be read goes
 * @param groupId           the consumer group every node joins; partitions are shared among its members
 * @param concurrency       consumers on this node (each owns whole partitions)
 * @param maxPollRecords    records one poll returns at most: the size of the batches that are evaluated, correlated
 *                          and then committed
 * @param replayMargin      how much further back than twice the longest rule window a newly assigned partition is
 *                          replayed, for transactions whose block time runs behind their append time
 * @param autoStartup       whether the consumers start with the application (else only when started, as the
 *                          benchmark does)
 */
@ConfigurationProperties("incident-ledger.kafka.ingest")
public record KafkaIngestProperties(Boolean enabled, String transactionsTopic, String deadLetterTopic,
                                    String detectionsTopic, String detectionsDeadLetterTopic, String groupId, Integer concurrency, Integer maxPollRecords,
                                    Duration replayMargin, Boolean autoStartup) {

    public KafkaIngestProperties {
        enabled = enabled != null && enabled;
        transactionsTopic = text(transactionsTopic, "incident-ledger.transactions");
        deadLetterTopic = text(deadLetterTopic, transactionsTopic + "-dlt");
        detectionsTopic = text(detectionsTopic, "incident-ledger.detections");
        detectionsDeadLetterTopic = text(detectionsDeadLetterTopic, detectionsTopic + "-dlt");
        groupId = text(groupId, "incident-ledger-ingest");
        concurrency = positive(concurrency, 1, "concurrency");
        maxPollRecords = positive(maxPollRecords, 2000, "max-poll-records");
        replayMargin = replayMargin != null ? replayMargin : Duration.ofMinutes(1);
        autoStartup = autoStartup == null || autoStartup;
        if (replayMargin.isNegative()) {
            throw new IllegalArgumentException("incident-ledger.kafka.ingest.replay-margin must not be negative");
        }
        if (Set.of(transactionsTopic, deadLetterTopic, detectionsTopic, detectionsDeadLetterTopic).size() < 4) {
            throw new IllegalArgumentException("incident-ledger.kafka.ingest: the transactions, detections and "
                    + "dead-letter topics must be four different topics");
        }
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("incident-ledger.kafka.ingest." + name + " must be positive");
        }
        return value;
    }
}
