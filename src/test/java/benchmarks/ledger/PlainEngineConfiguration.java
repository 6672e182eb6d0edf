package benchmarks.ledger;

import io.incidentledger.config.AxonStorageConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bench-only: replaces the application's chained event storage engine (needs
 * {@code spring.main.allow-bean-definition-overriding=true}) with Axon's plain {@link JdbcEventStorageEngine} (its
 * default append statement, no chain values) on {@code plain_event_entry}, a copy of the event table without the
 * chain columns. Everything else is the application's: serializers, connection provider, transaction manager, batch
 * size. The ledger's admitter still runs but finds no events ({@code domain_event_entry} stays empty).
 */
@Configuration(proxyBeanMethods = false)
public class PlainEngineConfiguration {

    static final EventSchema PLAIN_SCHEMA = schemaOn(PlainEventTable.TABLE);

    @Bean
    JavaMigration benchPlainEventTable() {
        return new PlainEventTable();
    }

    /** Same bean name as {@code AxonStorageConfiguration.eventStorageEngine}, so that it replaces it. */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(PLAIN_SCHEMA)
                .batchSize(1000)
                .build();
    }

    /**
     * Same bean name as {@code AxonStorageConfiguration.eventStoreGuard}: the application refuses to start on an
     * unchained engine, which is exactly what this baseline measures.
     */
    @Bean
    Object eventStoreGuard() {
        return new Object();
    }

    /** The application's event schema ({@link AxonStorageConfiguration#EVENT_SCHEMA}) on another table. */
    static EventSchema schemaOn(String table) {
        EventSchema app = AxonStorageConfiguration.EVENT_SCHEMA;
        return EventSchema.builder()
                .eventTable(table)
                .snapshotTable(app.snapshotTable())
                .globalIndexColumn(app.globalIndexColumn())
                .timestampColumn(app.timestampColumn())
                .eventIdentifierColumn(app.eventIdentifierColumn())
                .aggregateIdentifierColumn(app.aggregateIdentifierColumn())
                .sequenceNumberColumn(app.sequenceNumberColumn())
                .typeColumn(app.typeColumn())
                .payloadTypeColumn(app.payloadTypeColumn())
                .payloadRevisionColumn(app.payloadRevisionColumn())
                .payloadColumn(app.payloadColumn())
                .metaDataColumn(app.metaDataColumn())
                .build();
    }
}
