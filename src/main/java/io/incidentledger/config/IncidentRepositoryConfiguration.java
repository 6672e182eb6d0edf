package io.incidentledger.config;

import io.incidentledger.incident.command.Incident;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How a command finds its incident: in this node's cache if the store has nothing newer, else from the incident's
 * latest snapshot and the events after it, else from all its events ({@link IncidentProperties}), so that a command's
 * cost does not grow with the incident's length. Snapshots and cache are only caches: the events, their chain and
 * the log are as they were, the ledger's verifiers read the events alone, and a snapshot that cannot be read is
 * passed over (Axon then replays the events).
 *
 * <p>Snapshots are serialized by Axon's default serializer (Jackson, {@link AxonStorageConfiguration}) into
 * {@code snapshot_event_entry}; only snapshots of the incident's current {@code @Revision} are read.
 */
@Configuration(proxyBeanMethods = false)
public class IncidentRepositoryConfiguration {

    @Bean
    SnapshotExecutor snapshotExecutor() {
        return new SnapshotExecutor();
    }

    /** Axon's snapshotter, on a thread of its own: the one Axon would make takes snapshots on the command's thread. */
    @Bean
    SpringAggregateSnapshotter snapshotter(org.axonframework.config.Configuration axon, EventStore eventStore,
                                           TransactionManager transactionManager,
                                           ParameterResolverFactory parameterResolverFactory,
                                           HandlerDefinition handlerDefinition, SnapshotterSpanFactory spanFactory,
                                           SnapshotExecutor snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    /** The repository {@link Incident} names in its {@code @Aggregate}. */
    @Bean
    EventSourcingRepository<Incident> incidentRepository(org.axonframework.config.Configuration axon,
                                                         EventStore eventStore, Snapshotter snapshotter,
                                                         IncidentProperties properties,
                                                         ParameterResolverFactory parameterResolverFactory,
                                                         HandlerDefinition handlerDefinition,
                                                         RepositorySpanFactory spanFactory) {
        SnapshotTriggerDefinition snapshots = properties.snapshotThreshold() > 0
                ? new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold())
                : NoSnapshotTriggerDefinition.INSTANCE;
        EventSourcingRepository.Builder<Incident> repository = EventSourcingRepository.builder(Incident.class)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .snapshotTriggerDefinition(snapshots)
                .repositoryProvider(axon::repository)
                .spanFactory(spanFactory);
        return properties.cacheSize() > 0
                ? new StoreCheckedCachingRepository<>(repository, eventStore, new CaffeineCache(properties.cacheSize()))
                : repository.eventStore(eventStore).build();
    }
}
