package io.incidentledger.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The Kafka sink's guarantees that configuration cannot undo, and a broker that is away. */
class KafkaSinkTest {

    @Test
    void idempotenceAndAcksAllHoldWhateverTheProducerSettingsSay() {
        Map<String, Object> producer = KafkaSink.producerSettings(kafka("broker:9093", Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.ACKS_CONFIG, "1",
                "security.protocol", "SSL")));

        assertThat(producer).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void aBrokerThatIsAwayFailsTheBatchWithinTheSendTimeout() throws Exception {
        int unused;
        try (ServerSocket free = new ServerSocket(0)) {
            unused = free.getLocalPort();
        }
        try (KafkaSink sink = new KafkaSink(kafka("127.0.0.1:" + unused, Map.of()), "origin")) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> sink.publish(List.of(entry()))).isInstanceOf(SiemDeliveryException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        }
    }

    private static SiemProperties.Kafka kafka(String brokers, Map<String, String> producer) {
        return new SiemProperties.Kafka(true, brokers, "incident-events", Duration.ofSeconds(1), producer,
                new SiemProperties.Pacing(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    private static LedgerEntry entry() {
        return new LedgerEntry(0, 1, "event-0", "incident-1", "Incident", 0, "2026-11-23T08:30:00.000Z",
                "io.incidentledger.incident.api.IncidentReported", "1", "{}".getBytes(StandardCharsets.UTF_8), null,
                new byte[32], new byte[32], null, null, null);
    }
}
