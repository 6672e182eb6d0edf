package io.incidentledger.siem;

import java.time.Clock;
import java.time.Duration;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SIEM exports (docs/siem.md), each off by default: {@code incident-ledger.siem.kafka.enabled} and
 * {@code incident-ledger.siem.syslog.enabled}. Each export has its own cursor over the log, so that one receiver
 * being away holds up neither the other nor anything else in the service.
 */
@Configuration(proxyBeanMethods = false)
class SiemConfiguration {

    /** A stop waits this long beyond a batch's own limit for the running pass to end. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    @Bean
    @ConditionalOnProperty(prefix = "incident-ledger.siem.kafka", name = "enabled", havingValue = "true")
    SiemExport kafkaExport(SiemProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                           QueryGateway queries, EventStore eventStore, Clock clock,
                           @Value("${incident-ledger.ledger.origin}") String origin) {
        SiemProperties.Kafka kafka = properties.kafka();
        return new SiemExport(new KafkaSink(kafka, origin), new LedgerEntries(queries, eventStore), jdbc,
                new TransactionTemplate(transactions),
                kafka.pacing(), kafka.sendTimeout().plus(STOP_MARGIN), clock);
    }

    @Bean
    @ConditionalOnProperty(prefix = "incident-ledger.siem.syslog", name = "enabled", havingValue = "true")
    SiemExport syslogExport(SiemProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                            QueryGateway queries, EventStore eventStore, Clock clock,
                            @Value("${incident-ledger.ledger.origin}") String origin) {
        SiemProperties.Syslog syslog = properties.syslog();
        return new SiemExport(new SyslogSink(syslog, origin), new LedgerEntries(queries, eventStore), jdbc,
                new TransactionTemplate(transactions),
                syslog.pacing(), syslog.connectTimeout().plus(syslog.sendTimeout()).plus(STOP_MARGIN), clock);
    }
}
