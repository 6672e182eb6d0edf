package io.incidentledger.config;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.incidentledger.common.Databases;
import io.incidentledger.common.Instants;
import io.incidentledger.common.RequestMetadata;
import io.incidentledger.ledger.chain.ChainedAppendStatement;
import io.incidentledger.security.ActingUserDispatchInterceptor;
import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.RequireActorInterceptor;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The one place where Axon's persistence is wired: the JDBC event storage engine, the token store and the saga store,
 * on the tables that the Flyway migrations create (snake_case names, {@code bytea} payloads, no large objects), and the
 * serializer that writes events as JSON. Every event is appended with its hash-chain values
 * ({@link ChainedAppendStatement}).
 *
 * <p>The events always stay in this database with their chain: with the {@code axon-server} profile Axon Server
 * routes commands and queries only (its event store is switched off), and {@link EventStoreGuard} refuses to start
 * whenever the event store in use is anything but this engine.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    /** Axon's events, snapshots, tokens and sagas, in the table and column names of {@code V1__axon_store.sql}. */
    public static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /** A claim not renewed for this long is taken for a dead node's (Axon's default, stated here to be documented). */
    public static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    public static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    static final SagaSchema SAGA_SCHEMA = SagaSchema.builder()
            .sagaEntryTable("saga_entry")
            .revisionColumn("revision")
            .serializedSagaColumn("serialized_saga")
            .associationValueEntryTable("association_value_entry")
            .associationKeyColumn("association_key")
            .associationValueColumn("association_value")
            .sagaIdColumn("saga_id")
            .sagaTypeColumn("saga_type")
            .build();

    /**
     * The service's clock, in whole microseconds ({@link Instants}); events take their timestamps from it too, so that
     * a recording time compared in Java is the one stored in the views.
     */
    @Bean
    Clock clock() {
        Clock clock = Instants.microsecondClock(Clock.systemUTC());
        GenericEventMessage.clock = clock;
        return clock;
    }

    /** Jackson 2 mapper for Axon's serializer: readable ISO-8601 instants in stored payloads. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return axonObjectMapper();
    }

    /** The mapper of {@link #defaultAxonObjectMapper()}, for tests that must serialize as the application does. */
    public static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * Axon's serializer for everything it stores (events, snapshots, sagas, deadlines, dead letters, tokens): Jackson
     * with the stable type names of moved message classes ({@link StableTypeNameSerializer}).
     */
    @Bean
    @Primary
    Serializer serializer(ObjectProvider<RevisionResolver> revisionResolver,
                          @Qualifier("defaultAxonObjectMapper") ObjectMapper objectMapper) {
        return StableTypeNameSerializer.of(JacksonSerializer.builder()
                .revisionResolver(revisionResolver.getIfAvailable(AnnotationRevisionResolver::new))
                .converter(new ChainingConverter(getClass().getClassLoader()))
                .objectMapper(objectMapper));
    }

    /**
     * Axon runs commands, event appends, projection updates and token updates in Spring's transactions. Axon's own
     * auto-configuration orders itself after Spring Boot 3's class names and, on Spring Boot 4, falls back to no
     * transactions at all; so the bean is defined here.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    HashChainedEventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        return new HashChainedEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(EVENT_SCHEMA)
                .batchSize(1000));
    }

    /** Refuses to start when the events would be stored anywhere but {@link #eventStorageEngine}. */
    @Bean
    EventStoreGuard eventStoreGuard(ListableBeanFactory beans) {
        return new EventStoreGuard(beans);
    }

    @Bean
    NodeIdentity nodeIdentity(Environment environment) {
        return NodeIdentity.of(environment);
    }

    /**
     * Token claims are owned by this node's identity: restarted under the same identity after a crash, the node
     * takes its segments back at once, where a new identity would wait {@code claimTimeout} for the dead one's claims
     * to expire.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, NodeIdentity node) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(TOKEN_SCHEMA)
                .serializer(serializer)
                .contentType(byte[].class)
                .nodeId(node.id())
                .claimTimeout(CLAIM_TIMEOUT)
                .build();
    }

    @Bean
    JdbcSagaStore sagaStore(ConnectionProvider connectionProvider, Serializer serializer, DataSource dataSource) {
        SagaSqlSchema sqlSchema = Databases.isPostgres(dataSource)
                ? new PostgresSagaSqlSchema(SAGA_SCHEMA)
                : new GenericSagaSqlSchema(SAGA_SCHEMA);
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(sqlSchema)
                .serializer(serializer)
                .build();
    }

    /** Commands sent through the gateway carry the authenticated user who caused them. */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .dispatchInterceptors(new ActingUserDispatchInterceptor())
                .build();
    }

    /** No command is handled, so no event is stored, without knowing who caused it. */
    @Bean
    ConfigurerModule requireActorOnCommands() {
        return configurer -> configurer.onInitialize(config -> config.onStart(
                () -> config.commandBus().registerHandlerInterceptor(new RequireActorInterceptor())));
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Copies the acting user and the request's idempotency data from the command onto every event it causes. */
    @Bean
    CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(Stream.concat(ActorMetadata.KEYS.stream(),
                RequestMetadata.KEYS.stream()).toArray(String[]::new));
    }
}
