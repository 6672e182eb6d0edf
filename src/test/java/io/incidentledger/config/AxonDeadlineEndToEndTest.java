package io.incidentledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The deadline manager under Axon itself, as {@link DeadlineConfiguration} wires it: Axon's own scope lookup finds
 * the saga (kept in the JDBC saga store) or the event-sourced aggregate, and its {@code @DeadlineHandler} runs. A
 * node here is an Axon configuration with its own pool and scheduler on one H2 file.
 */
class AxonDeadlineEndToEndTest {

    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration FIRING = Duration.ofSeconds(10);

    private DeadlineTestDatabase database;
    private AxonNode node;

    @BeforeEach
    void createTheDatabase() {
        database = DeadlineTestDatabase.h2();
        AcknowledgementSaga.ESCALATED.clear();
        Watch.EXPIRED.clear();
    }

    @AfterEach
    void stopTheNode() {
        if (node != null) {
            node.close();
        }
        database.close();
    }

    @Test
    void aSagasDeadlineScheduledBeforeARestartReachesTheSagaAfterItOnce() throws Exception {
        node = startNode();
        node.configuration().eventBus().publish(asEventMessage(new IncidentOpened("INC-1")));
        assertThat(sagaEntries()).isEqualTo(1);
        assertThat(database.scheduledDeadlines()).isEqualTo(1);
        node.close();

        Thread.sleep(AcknowledgementSaga.ACKNOWLEDGE_WITHIN.plusMillis(500).toMillis());
        assertThat(AcknowledgementSaga.ESCALATED).isEmpty();
        node = startNode();

        await().atMost(FIRING).until(() -> !AcknowledgementSaga.ESCALATED.isEmpty());
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> AcknowledgementSaga.ESCALATED.size() == 1);
        // the handler read the saga's own state, loaded from the saga store after the restart
        assertThat(AcknowledgementSaga.ESCALATED).containsExactly("INC-1");
        assertThat(sagaEntries()).as("the saga ended").isZero();
        assertThat(database.scheduledDeadlines()).isZero();
    }

    @Test
    void anAggregateWithATypedIdentifierReceivesItsOwnDeadline() {
        node = startNode();
        IncidentId incident = IncidentId.of(UUID.randomUUID());

        node.configuration().commandGateway().sendAndWait(new StartWatch(incident));

        await().atMost(FIRING).until(() -> !Watch.EXPIRED.isEmpty());
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> Watch.EXPIRED.size() == 1);
        assertThat(Watch.EXPIRED).containsExactly(incident);
    }

    private AxonNode startNode() {
        HikariDataSource dataSource = database.open();
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        AtomicReference<Configuration> axon = new AtomicReference<>();
        // the same late lookup DeadlineConfiguration uses
        DeadlineScheduling scheduling = DeadlineScheduling.create(dataSource,
                DeadlineTestDatabase.settings(Duration.ofMillis(200), Duration.ofSeconds(1)),
                new NodeIdentity("end-to-end-" + UUID.randomUUID()), DeadlineTestDatabase.SERIALIZER,
                scope -> axon.get().scopeAwareProvider().provideScopeAwareStream(scope), transactions);
        JdbcSagaStore sagaStore = JdbcSagaStore.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .sqlSchema(new GenericSagaSqlSchema(AxonStorageConfiguration.SAGA_SCHEMA))
                .serializer(DeadlineTestDatabase.SERIALIZER)
                .build();
        // no modules from the class path: no Axon Server connector, no update checker
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> DeadlineTestDatabase.SERIALIZER)
                .configureTransactionManager(c -> transactions)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Watch.class)
                .registerComponent(DeadlineManager.class, c -> scheduling.deadlineManager());
        configurer.eventProcessing()
                .usingSubscribingEventProcessors()
                .registerSaga(AcknowledgementSaga.class, saga -> saga.configureSagaStore(c -> sagaStore));
        Configuration configuration = configurer.buildConfiguration();
        axon.set(configuration);
        configuration.start();
        scheduling.start();
        return new AxonNode(dataSource, scheduling, configuration);
    }

    private int sagaEntries() throws SQLException {
        try (HikariDataSource dataSource = database.open();
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM saga_entry")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private record AxonNode(HikariDataSource dataSource, DeadlineScheduling scheduling, Configuration configuration)
            implements AutoCloseable {

        @Override
        public void close() {
            scheduling.stop();
            configuration.shutdown();
            dataSource.close();
        }
    }

    record IncidentOpened(String incidentId) {
    }

    record AcknowledgementDue(String incidentId) {
    }

    record StartWatch(IncidentId incidentId) {
    }

    record WatchStarted(IncidentId incidentId) {
    }

    record WatchExpired() {
    }

    /** Escalates an incident nobody acknowledged in time; its deadline is its only way to end. */
    public static class AcknowledgementSaga {

        static final Duration ACKNOWLEDGE_WITHIN = Duration.ofSeconds(2);
        static final String ACKNOWLEDGEMENT_DEADLINE = "acknowledgement";
        static final Queue<String> ESCALATED = new ConcurrentLinkedQueue<>();

        private String incidentId;

        @StartSaga
        @SagaEventHandler(associationProperty = "incidentId")
        void on(IncidentOpened event, DeadlineManager deadlineManager) {
            incidentId = event.incidentId();
            deadlineManager.schedule(ACKNOWLEDGE_WITHIN, ACKNOWLEDGEMENT_DEADLINE,
                    new AcknowledgementDue(event.incidentId()));
        }

        @EndSaga
        @DeadlineHandler(deadlineName = ACKNOWLEDGEMENT_DEADLINE)
        void on(AcknowledgementDue due) {
            ESCALATED.add(incidentId);
        }

        public String getIncidentId() {
            return incidentId;
        }

        public void setIncidentId(String incidentId) {
            this.incidentId = incidentId;
        }
    }

    /** An aggregate identified by a typed id, as the Incident is, that schedules a deadline for itself. */
    static class Watch {

        static final String WATCH_DEADLINE = "watch";
        static final Queue<IncidentId> EXPIRED = new ConcurrentLinkedQueue<>();

        @AggregateIdentifier
        private IncidentId incidentId;

        Watch() {
        }

        @CommandHandler
        Watch(StartWatch command, DeadlineManager deadlineManager) {
            apply(new WatchStarted(command.incidentId()));
            deadlineManager.schedule(Duration.ofMillis(100), WATCH_DEADLINE, new WatchExpired());
        }

        @EventSourcingHandler
        void on(WatchStarted event) {
            incidentId = event.incidentId();
        }

        @DeadlineHandler(deadlineName = WATCH_DEADLINE)
        void on(WatchExpired expired) {
            EXPIRED.add(incidentId);
        }
    }
}
