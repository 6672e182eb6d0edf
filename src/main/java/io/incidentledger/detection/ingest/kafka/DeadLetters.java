package io.incidentledger.detection.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Sends a record that cannot be read to a dead-letter topic, key and value unchanged, with the reason and where it
 * came from in headers; returns only once the topic has it, so that the record's offset may then be committed.
 */
final class DeadLetters implements DisposableBean {

    static final String REASON_HEADER = "incident-ledger-dlt-reason";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> template;

    DeadLetters(DefaultKafkaProducerFactory<String, byte[]> producers) {
        this.producers = producers;
        this.template = new KafkaTemplate<>(producers);
    }

    void send(String topic, ConsumerRecord<String, byte[]> record, String code, String reason) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topic, record.key(), record.value());
        letter.headers().add(REASON_HEADER, (code + ": " + reason).getBytes(StandardCharsets.UTF_8));
        letter.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        letter.headers().add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
                Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        letter.headers().add(KafkaHeaders.DLT_ORIGINAL_OFFSET,
                Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            template.send(letter).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a record", interrupted);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the dead-letter topic " + topic + " refused a record", failed.getCause());
        }
        log.info("Record {}-{}@{} dead-lettered to {}: {}", record.topic(), record.partition(), record.offset(),
                topic, code);
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
