package io.incidentledger.detection.ingest.kafka;

import java.util.HashMap;
import java.util.Map;

import io.incidentledger.detection.correlation.BatchCorrelator;
import io.incidentledger.detection.ingest.ozmonitor.OzMonitorProperties;
import io.incidentledger.detection.ingest.transactions.TransactionIngest;
import io.incidentledger.detection.rules.TransactionRules;
import io.incidentledger.detection.rules.anomaly.AnomalyBaselineStore;
import io.incidentledger.detection.web.EnvelopeReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires Kafka ingest when {@code incident-ledger.kafka.ingest.enabled} is true: consumer containers on the
 * transactions and detections topics whose offsets are committed after each poll is correlated, and a producer for
 * the dead-letter topics that waits for every replica. Connection and client security come from {@code spring.kafka.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaIngestProperties.class)
@ConditionalOnProperty(prefix = "incident-ledger.kafka.ingest", name = "enabled", havingValue = "true")
class KafkaIngestConfiguration {

    /** A poll that failed (the database is away, say) is retried until it succeeds: no hit is skipped. */
    private static final long RETRY_INTERVAL_MILLIS = 2_000;

    @Bean
    DeadLetters kafkaDeadLetters(KafkaProperties kafka) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "incident-ledger-dead-letters");
        return new DeadLetters(new DefaultKafkaProducerFactory<>(producer));
    }

    @Bean
    TransactionRecords kafkaTransactionRecords(TransactionIngest ingest, TransactionRules rules,
                                               AnomalyBaselineStore baselines, KafkaProperties kafka,
                                               KafkaIngestProperties properties, DeadLetters kafkaDeadLetters,
                                               MeterRegistry registry) {
        WindowReplay replay = new WindowReplay(consumerProperties(kafka, properties), ingest,
                properties.replayMargin());
        return new TransactionRecords(ingest, rules, replay, baselines, kafkaDeadLetters, properties, registry);
    }

    @Bean
    DetectionRecords kafkaDetectionRecords(EnvelopeReader reader, JsonMapper mapper, OzMonitorProperties ozMonitor,
                                           BatchCorrelator correlator, DeadLetters kafkaDeadLetters,
                                           KafkaIngestProperties properties, MeterRegistry registry) {
        return new DetectionRecords(reader, mapper, ozMonitor, correlator, kafkaDeadLetters, properties, registry);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> kafkaTransactionsContainer(
            TransactionRecords records, KafkaProperties kafka, KafkaIngestProperties properties) {
        ContainerProperties container = new ContainerProperties(properties.transactionsTopic());
        container.setConsumerRebalanceListener(records);
        return container("kafkaTransactionsContainer", container, records, kafka, properties);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> kafkaDetectionsContainer(
            DetectionRecords records, KafkaProperties kafka, KafkaIngestProperties properties) {
        ContainerProperties container = new ContainerProperties(properties.detectionsTopic());
        container.setConsumerRebalanceListener(records);
        return container("kafkaDetectionsContainer", container, records, kafka, properties);
    }

    private static ConcurrentMessageListenerContainer<String, byte[]> container(
            String name, ContainerProperties container, Object listener, KafkaProperties kafka,
            KafkaIngestProperties properties) {
        container.setGroupId(properties.groupId());
        container.setClientId(name);
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setMessageListener(listener);
        ConcurrentMessageListenerContainer<String, byte[]> listeners = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumerProperties(kafka, properties)), container);
        listeners.setConcurrency(properties.concurrency());
        listeners.setAutoStartup(properties.autoStartup());
        listeners.setCommonErrorHandler(new DefaultErrorHandler(
                new FixedBackOff(RETRY_INTERVAL_MILLIS, FixedBackOff.UNLIMITED_ATTEMPTS)));
        listeners.setBeanName(name);
        return listeners;
    }

    private static Map<String, Object> consumerProperties(KafkaProperties kafka, KafkaIngestProperties properties) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return consumer;
    }
}
